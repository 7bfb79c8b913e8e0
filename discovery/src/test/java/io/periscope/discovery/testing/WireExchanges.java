package io.periscope.discovery.testing;

import com.fasterxml.jackson.databind.JsonNode;
import io.periscope.events.http.Body;
import io.periscope.events.http.ClientIpSource;
import io.periscope.events.http.Connection;
import io.periscope.events.http.Credential;
import io.periscope.events.http.Header;
import io.periscope.events.http.HttpExchange;
import io.periscope.events.http.HttpRequest;
import io.periscope.events.http.HttpResponse;
import io.periscope.events.http.JwtInfo;
import io.periscope.events.http.MirrorSource;
import io.periscope.events.http.QueryParam;
import io.periscope.events.http.Timings;
import io.periscope.events.kafka.EventJson;
import java.io.ByteArrayOutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Turns the recorded bytes of HTTP/1.1 connections into {@link HttpExchange} records, standing in for the
 * reassembler: it parses request and response messages (Content-Length and chunked bodies), pairs them in
 * order, and describes and redacts credentials (Authorization, X-Api-Key, api_key query) like the
 * reassembler's contract says. Test-only: no gaps, no pipelining surprises, no content codings.
 */
public final class WireExchanges {
    private WireExchanges() {
    }

    private record Message(String startLine, List<Header> headers, byte[] body) {
    }

    public static List<HttpExchange> parse(RecordingProxy.Capture capture, String session, long baseMicros) {
        List<Message> requests = messages(capture.requests(), true);
        List<Message> responses = messages(capture.responses(), false);
        List<HttpExchange> out = new ArrayList<>();
        String connId = "conn-" + capture.clientPort + "-" + baseMicros;
        for (int i = 0; i < Math.min(requests.size(), responses.size()); i++) {
            out.add(exchange(connId, i, requests.get(i), responses.get(i), session, capture.clientPort, baseMicros + i * 10_000L));
        }
        return out;
    }

    private static HttpExchange exchange(String connId, int ordinal, Message rq, Message rs, String session, int clientPort, long at) {
        String[] rl = rq.startLine.split(" ");
        String target = rl[1];
        int q = target.indexOf('?');
        String path = q < 0 ? target : target.substring(0, q);
        List<Credential> creds = new ArrayList<>();
        List<QueryParam> query = new ArrayList<>();
        StringBuilder redactedTarget = new StringBuilder(path);
        if (q >= 0) {
            redactedTarget.append('?');
            for (String pair : target.substring(q + 1).split("&")) {
                int eq = pair.indexOf('=');
                String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                String value = eq < 0 ? null : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                if (name.equalsIgnoreCase("api_key") && value != null) {
                    creds.add(new Credential(Credential.Location.QUERY, name, "ApiKey", fingerprint(value), null, null));
                    value = "[redacted]";
                }
                query.add(new QueryParam(name, value));
                redactedTarget.append(name).append(value == null ? "" : "=" + value).append('&');
            }
        }
        List<Header> headers = new ArrayList<>();
        String host = "unknown";
        for (Header h : rq.headers) {
            String lower = h.name().toLowerCase(Locale.ROOT);
            if (lower.equals("host")) {
                host = h.value().toLowerCase(Locale.ROOT);
            }
            if (lower.equals("authorization")) {
                int sp = h.value().indexOf(' ');
                String scheme = sp < 0 ? h.value() : h.value().substring(0, sp);
                String token = sp < 0 ? "" : h.value().substring(sp + 1);
                creds.add(new Credential(Credential.Location.HEADER, h.name(), scheme, fingerprint(token), null,
                        scheme.equalsIgnoreCase("Bearer") ? jwt(token) : null));
                headers.add(new Header(h.name(), "[redacted]"));
            } else if (lower.equals("x-api-key")) {
                creds.add(new Credential(Credential.Location.HEADER, h.name(), "ApiKey", fingerprint(h.value()), null, null));
                headers.add(new Header(h.name(), "[redacted]"));
            } else {
                headers.add(h);
            }
        }
        HttpRequest request = new HttpRequest(rl[0], redactedTarget.toString(), path, query, rl[2], headers, List.of(), body(rq));
        String[] sl = rs.startLine.split(" ", 3);
        HttpResponse response = new HttpResponse(sl[0], Integer.parseInt(sl[1]), sl.length > 2 ? sl[2] : "", List.of(), rs.headers,
                List.of(), body(rs));
        return new HttpExchange(HttpExchange.SCHEMA_VERSION, connId + "-" + ordinal, new MirrorSource(session, 42, "test-receiver"),
                new Connection(connId, "127.0.0.1", clientPort, "127.0.0.1", 8080), "127.0.0.1", ClientIpSource.PEER, host,
                request, response, new Timings(at, at + 100, at + 2_100, at + 2_300), Set.of(), creds);
    }

    private static Body body(Message m) {
        if (m.body.length == 0) {
            return Body.EMPTY;
        }
        String ct = null;
        for (Header h : m.headers) {
            if (h.name().equalsIgnoreCase("content-type")) {
                int semi = h.value().indexOf(';');
                ct = (semi < 0 ? h.value() : h.value().substring(0, semi)).trim().toLowerCase(Locale.ROOT);
            }
        }
        return new Body(m.body, m.body.length, m.body.length, false, ct, List.of(), false);
    }

    private static JwtInfo jwt(String token) {
        String[] parts = token.split("\\.");
        if (parts.length < 2) {
            return null;
        }
        try {
            JsonNode h = EventJson.mapper().readTree(Base64.getUrlDecoder().decode(parts[0]));
            JsonNode c = EventJson.mapper().readTree(Base64.getUrlDecoder().decode(parts[1]));
            return new JwtInfo(h.path("alg").asText(null), null, h.path("typ").asText(null), c.path("iss").asText(null),
                    c.path("sub").asText(null), List.of(), c.has("exp") ? c.get("exp").asLong() : null, null, null);
        } catch (Exception e) {
            return null;
        }
    }

    private static String fingerprint(String secret) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8)), 0, 16);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<Message> messages(byte[] bytes, boolean requests) {
        List<Message> out = new ArrayList<>();
        int pos = 0;
        while (pos < bytes.length) {
            int end = indexOf(bytes, "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1), pos);
            if (end < 0) {
                break;
            }
            String[] lines = new String(bytes, pos, end - pos, StandardCharsets.ISO_8859_1).split("\r\n");
            List<Header> headers = new ArrayList<>();
            long length = 0;
            boolean chunked = false;
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                Header h = new Header(lines[i].substring(0, colon), lines[i].substring(colon + 1).trim());
                headers.add(h);
                if (h.name().equalsIgnoreCase("content-length")) {
                    length = Long.parseLong(h.value());
                } else if (h.name().equalsIgnoreCase("transfer-encoding") && h.value().equalsIgnoreCase("chunked")) {
                    chunked = true;
                }
            }
            pos = end + 4;
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            if (chunked) {
                while (true) {
                    int eol = indexOf(bytes, "\r\n".getBytes(StandardCharsets.ISO_8859_1), pos);
                    int size = Integer.parseInt(new String(bytes, pos, eol - pos, StandardCharsets.ISO_8859_1).trim(), 16);
                    pos = eol + 2;
                    if (size == 0) {
                        pos += 2;
                        break;
                    }
                    body.write(bytes, pos, size);
                    pos += size + 2;
                }
            } else {
                body.write(bytes, pos, (int) length);
                pos += (int) length;
            }
            out.add(new Message(lines[0], headers, body.toByteArray()));
        }
        return out;
    }

    private static int indexOf(byte[] hay, byte[] needle, int from) {
        outer:
        for (int i = from; i <= hay.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
