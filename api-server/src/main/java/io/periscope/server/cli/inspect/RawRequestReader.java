package io.periscope.server.cli.inspect;

import io.periscope.events.http.Body;
import io.periscope.events.http.Header;
import io.periscope.events.http.HttpRequest;
import io.periscope.events.http.QueryParam;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads HTTP/1.x requests as they are sent on the wire, one after another (a file saved from a proxy, a scanner's
 * request log, hand-written payloads), into {@link HttpRequest}s: request line, header fields, and a body framed by
 * Content-Length or chunked coding. Lenient where a hand-written file is (bare LF line ends, blank lines between
 * requests, a missing HTTP version), bounded everywhere ({@link #MAX_REQUESTS}, {@link #MAX_HEAD_BYTES},
 * {@link #MAX_BODY_BYTES}): an offline tool for payloads, not a second protocol parser of the pipeline, which stays
 * http-reassembly's.
 */
final class RawRequestReader {
    /** Requests read from one file; a larger corpus is split or replayed as a capture. */
    static final int MAX_REQUESTS = 100_000;
    /** Request line and header fields of one request, as the sensor's default limit. */
    static final int MAX_HEAD_BYTES = 64 * 1024;
    /** Body bytes kept per request, as the sensor's default body cap. */
    static final int MAX_BODY_BYTES = 64 * 1024;

    private final byte[] in;
    private int pos;

    private RawRequestReader(byte[] in) {
        this.in = in;
    }

    /** The requests in {@code bytes}, in order; text that does not start with a request line ends the reading. */
    static List<HttpRequest> read(byte[] bytes) {
        RawRequestReader r = new RawRequestReader(bytes);
        List<HttpRequest> out = new ArrayList<>();
        while (out.size() < MAX_REQUESTS) {
            HttpRequest request = r.next();
            if (request == null) {
                break;
            }
            out.add(request);
        }
        return out;
    }

    private HttpRequest next() {
        String line;
        do {
            line = line();
            if (line == null) {
                return null;
            }
        } while (line.isBlank());
        String requestLine = line.trim();
        int sp = requestLine.indexOf(' ');
        if (sp <= 0 || !requestLine.substring(0, sp).chars().allMatch(c -> c >= 'A' && c <= 'Z' || c == '-')) {
            return null;
        }
        String method = requestLine.substring(0, sp);
        // a hand-written target may hold spaces: the version is the last word only when it names one
        int last = requestLine.lastIndexOf(' ');
        boolean versioned = last > sp && requestLine.startsWith("HTTP/", last + 1);
        String version = versioned ? requestLine.substring(last + 1) : "HTTP/1.1";
        String target = requestLine.substring(sp + 1, versioned ? last : requestLine.length()).trim();
        List<Header> headers = new ArrayList<>();
        int headBytes = line.length();
        while ((line = line()) != null && !line.isEmpty()) {
            headBytes += line.length();
            if (headBytes > MAX_HEAD_BYTES) {
                break;
            }
            int colon = line.indexOf(':');
            if (colon > 0) {
                headers.add(new Header(line.substring(0, colon).trim(), line.substring(colon + 1).trim()));
            }
        }
        byte[] body = body(headers);
        String contentType = contentType(headers);
        return new HttpRequest(method, target, path(target), query(target), version, headers, List.of(),
                body.length == 0 ? Body.EMPTY : new Body(body, body.length, body.length, false, contentType, List.of(), false));
    }

    /** One line without its CR LF or LF; null at the end of the input. */
    private String line() {
        if (pos >= in.length) {
            return null;
        }
        int start = pos;
        while (pos < in.length && in[pos] != '\n' && pos - start < MAX_HEAD_BYTES) {
            pos++;
        }
        int end = pos;
        if (pos < in.length && in[pos] == '\n') {
            pos++;
        }
        if (end > start && in[end - 1] == '\r') {
            end--;
        }
        return new String(in, start, end - start, StandardCharsets.ISO_8859_1);
    }

    private byte[] body(List<Header> headers) {
        String te = value(headers, "Transfer-Encoding");
        if (te != null && te.toLowerCase(Locale.ROOT).contains("chunked")) {
            return chunked();
        }
        String cl = value(headers, "Content-Length");
        if (cl == null) {
            return new byte[0];
        }
        long length;
        try {
            length = Long.parseLong(cl.trim());
        } catch (NumberFormatException e) {
            return new byte[0];
        }
        int take = (int) Math.max(0, Math.min(length, in.length - pos));
        int keep = Math.min(take, MAX_BODY_BYTES);
        byte[] body = new byte[keep];
        System.arraycopy(in, pos, body, 0, keep);
        pos += take;
        return body;
    }

    private byte[] chunked() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        String size;
        while ((size = line()) != null) {
            int semi = size.indexOf(';');
            long n;
            try {
                n = Long.parseLong((semi >= 0 ? size.substring(0, semi) : size).trim(), 16);
            } catch (NumberFormatException e) {
                break;
            }
            if (n == 0) {
                String trailer;
                while ((trailer = line()) != null && !trailer.isEmpty()) {
                    // trailers are not inspected offline
                }
                break;
            }
            int take = (int) Math.min(n, in.length - pos);
            int keep = Math.max(0, Math.min(take, MAX_BODY_BYTES - out.size()));
            out.write(in, pos, keep);
            pos += take;
            line(); // the CR LF after the chunk
        }
        return out.toByteArray();
    }

    private static String value(List<Header> headers, String name) {
        for (Header h : headers) {
            if (h.name().equalsIgnoreCase(name)) {
                return h.value();
            }
        }
        return null;
    }

    /** The media type of Content-Type without parameters, lower-cased, as {@link Body#contentType()} holds it. */
    private static String contentType(List<Header> headers) {
        String v = value(headers, "Content-Type");
        if (v == null) {
            return null;
        }
        int semi = v.indexOf(';');
        return (semi >= 0 ? v.substring(0, semi) : v).trim().toLowerCase(Locale.ROOT);
    }

    /** The path of an origin-form or absolute-form target, not percent-decoded (as the sensor keeps it). */
    static String path(String target) {
        String t = target;
        int scheme = t.indexOf("://");
        if (scheme > 0 && scheme < 8) {
            int slash = t.indexOf('/', scheme + 3);
            t = slash < 0 ? "/" : t.substring(slash);
        }
        int q = t.indexOf('?');
        int hash = t.indexOf('#');
        int end = q >= 0 ? q : hash >= 0 ? hash : t.length();
        return t.substring(0, end);
    }

    /** The query parameters, percent-decoded leniently ({@code +} as space; a bad escape stays as written). */
    static List<QueryParam> query(String target) {
        int q = target.indexOf('?');
        if (q < 0) {
            return List.of();
        }
        int hash = target.indexOf('#', q);
        String query = target.substring(q + 1, hash < 0 ? target.length() : hash);
        List<QueryParam> out = new ArrayList<>();
        for (String pair : query.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            out.add(eq < 0 ? new QueryParam(decode(pair), null)
                    : new QueryParam(decode(pair.substring(0, eq)), decode(pair.substring(eq + 1))));
        }
        return out;
    }

    private static String decode(String s) {
        if (s.indexOf('%') < 0 && s.indexOf('+') < 0) {
            return s;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '+') {
                out.write(' ');
            } else if (c == '%' && i + 2 < s.length() && Character.digit(s.charAt(i + 1), 16) >= 0
                    && Character.digit(s.charAt(i + 2), 16) >= 0) {
                out.write(Character.digit(s.charAt(i + 1), 16) * 16 + Character.digit(s.charAt(i + 2), 16));
                i += 2;
            } else {
                byte[] b = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                out.write(b, 0, b.length);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
