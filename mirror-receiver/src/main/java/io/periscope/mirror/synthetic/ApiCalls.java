package io.periscope.mirror.synthetic;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.zip.GZIPOutputStream;

/**
 * The HTTP/1.1 side of the generator: requests and responses of a small shop API as real clients and
 * servers write them (bearer tokens, request ids, JSON bodies of realistic sizes, chunked and gzip
 * responses, a few 401/404s). Every request carries a unique {@code X-Request-Id}, so a consumer can
 * match what it recovered against what was sent.
 */
final class ApiCalls {
    /** One request and its response, as bytes on the wire. */
    record Call(byte[] request, byte[] response) {
    }

    private static final String[] HOSTS = {"api.shop.example", "payments.shop.example", "accounts.shop.example"};
    private static final String[] AGENTS = {
            "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15",
            "okhttp/4.12.0", "python-requests/2.32.3", "Go-http-client/1.1", "ShopApp/5.2.1 (iPhone; iOS 17.5)"};
    private static final String[] FIRST = {"Ada", "Grace", "Alan", "Edsger", "Barbara", "Ken", "Radia", "Linus"};
    private static final String[] LAST = {"Lovelace", "Hopper", "Turing", "Dijkstra", "Liskov", "Thompson", "Perlman"};
    private static final String SERVER = "Server: nginx/1.27.0\r\nDate: Thu, 01 Jan 2026 00:00:00 GMT\r\n";

    private final TrafficSpec spec;
    /** The batch being written; calls of one batch are regenerated from the same seed (see TcpFlow). */
    private Random random;

    ApiCalls(TrafficSpec spec) {
        this.spec = spec;
    }

    static int hosts() {
        return HOSTS.length;
    }

    /** Draws the next call from {@code source}: the same source state gives the same call. */
    Call next(Random source, int host, int agent, String requestId, String token) {
        this.random = source;
        return call(HOSTS[host], AGENTS[agent % AGENTS.length], requestId, token);
    }

    private Call call(String host, String agent, String requestId, String token) {
        int kind = random.nextInt(100);
        if (kind < 35) {
            return get(host, agent, token, requestId, "/api/v1/products?page=" + (1 + random.nextInt(40)) + "&limit=20",
                    200, productList(2 + random.nextInt(random.nextInt(10) < 8 ? 12 : 120)));
        } else if (kind < 55) {
            long id = 1000 + random.nextInt(90_000);
            return random.nextInt(10) == 0
                    ? get(host, agent, token, requestId, "/api/v1/products/" + id, 404, "{\"error\":\"not found\"}")
                    : get(host, agent, token, requestId, "/api/v1/products/" + id, 200, product(id));
        } else if (kind < 70) {
            long id = 1 + random.nextInt(50_000);
            return get(host, agent, token, requestId, "/api/v1/users/" + id, 200, user(id));
        } else if (kind < 85) {
            return post(host, agent, token, requestId, "/api/v1/orders", order(), 201,
                    "{\"id\":\"ord_" + Long.toHexString(random.nextLong() >>> 16) + "\",\"status\":\"created\"}");
        } else if (kind < 92) {
            long id = 1 + random.nextInt(50_000);
            return post(host, agent, token, requestId, "/api/v1/users/" + id + "/address", address(), 204, null);
        } else if (kind < 97) {
            String user = FIRST[random.nextInt(FIRST.length)].toLowerCase() + random.nextInt(1000);
            boolean ok = random.nextInt(5) != 0;
            return post(host, agent, null, requestId, "/api/v1/auth/login",
                    "{\"username\":\"" + user + "\",\"password\":\"" + Long.toHexString(random.nextLong()) + "\"}",
                    ok ? 200 : 401, ok ? "{\"access_token\":\"" + token + "\",\"expires_in\":3600}" : "{\"error\":\"invalid credentials\"}");
        }
        return get(host, agent, null, requestId, "/health", 200, "{\"status\":\"ok\"}");
    }

    private Call get(String host, String agent, String token, String requestId, String target, int status, String body) {
        StringBuilder request = requestHead("GET", target, host, agent, token, requestId);
        request.append("\r\n");
        return new Call(ascii(request), response(status, requestId, body));
    }

    private Call post(String host, String agent, String token, String requestId, String target, String json,
                      int status, String body) {
        byte[] content = json.getBytes(StandardCharsets.UTF_8);
        StringBuilder request = requestHead("POST", target, host, agent, token, requestId);
        request.append("Content-Type: application/json\r\nContent-Length: ").append(content.length).append("\r\n\r\n");
        return new Call(concat(ascii(request), content), response(status, requestId, body));
    }

    private static StringBuilder requestHead(String method, String target, String host, String agent, String token,
                                             String requestId) {
        StringBuilder b = new StringBuilder(256).append(method).append(' ').append(target).append(" HTTP/1.1\r\nHost: ")
                .append(host).append("\r\nUser-Agent: ").append(agent)
                .append("\r\nAccept: application/json\r\nAccept-Encoding: gzip\r\n");
        if (token != null) {
            b.append("Authorization: Bearer ").append(token).append("\r\n");
        }
        return b.append("X-Request-Id: ").append(requestId).append("\r\n");
    }

    private byte[] response(int status, String requestId, String body) {
        StringBuilder head = new StringBuilder(256).append("HTTP/1.1 ").append(status).append(' ').append(reason(status))
                .append("\r\n").append(SERVER).append("X-Request-Id: ").append(requestId).append("\r\n");
        if (body == null) {
            return ascii(head.append("\r\n"));
        }
        byte[] content = body.getBytes(StandardCharsets.UTF_8);
        head.append("Content-Type: application/json\r\n");
        if (random.nextInt(100) < spec.gzipPercent()) {
            content = gzip(content);
            head.append("Content-Encoding: gzip\r\nVary: Accept-Encoding\r\n");
        }
        if (random.nextInt(100) < spec.chunkedPercent()) {
            head.append("Transfer-Encoding: chunked\r\n\r\n");
            return concat(ascii(head), chunked(content));
        }
        head.append("Content-Length: ").append(content.length).append("\r\n\r\n");
        return concat(ascii(head), content);
    }

    private byte[] chunked(byte[] content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(content.length + 64);
        int off = 0;
        while (off < content.length) {
            int n = Math.min(content.length - off, 512 + random.nextInt(4096));
            out.writeBytes((Integer.toHexString(n) + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(content, off, n);
            out.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
            off += n;
        }
        out.writeBytes("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }

    private String productList(int n) {
        StringBuilder b = new StringBuilder(n * 180).append("{\"items\":[");
        for (int i = 0; i < n; i++) {
            b.append(i == 0 ? "" : ",").append(product(1000 + random.nextInt(90_000)));
        }
        return b.append("],\"next\":\"/api/v1/products?page=").append(2 + random.nextInt(40)).append("\"}").toString();
    }

    private String product(long id) {
        return "{\"id\":" + id + ",\"name\":\"Widget " + Long.toString(id, 36) + "\",\"price\":{\"amount\":"
                + (random.nextInt(99_999) / 100.0) + ",\"currency\":\"EUR\"},\"stock\":" + random.nextInt(500)
                + ",\"tags\":[\"hardware\",\"tools\"],\"description\":\"A dependable widget for everyday use, batch "
                + Long.toHexString(random.nextLong()) + ".\"}";
    }

    private String user(long id) {
        String first = FIRST[random.nextInt(FIRST.length)];
        String last = LAST[random.nextInt(LAST.length)];
        return "{\"id\":" + id + ",\"name\":\"" + first + " " + last + "\",\"email\":\"" + first.toLowerCase() + "."
                + last.toLowerCase() + id + "@mail.example\",\"phone\":\"+1 415 555 " + (1000 + random.nextInt(9000))
                + "\",\"created\":\"2025-0" + (1 + random.nextInt(9)) + "-1" + random.nextInt(10) + "T10:00:00Z\"}";
    }

    private String order() {
        StringBuilder b = new StringBuilder(512).append("{\"items\":[");
        int n = 1 + random.nextInt(6);
        for (int i = 0; i < n; i++) {
            b.append(i == 0 ? "" : ",").append("{\"sku\":\"SKU-").append(10_000 + random.nextInt(90_000))
                    .append("\",\"quantity\":").append(1 + random.nextInt(4)).append('}');
        }
        return b.append("],\"shipping\":").append(address()).append(",\"note\":\"leave at the door\"}").toString();
    }

    private String address() {
        return "{\"street\":\"" + (1 + random.nextInt(300)) + " Market Street\",\"city\":\"San Francisco\",\"zip\":\"941"
                + (10 + random.nextInt(80)) + "\",\"country\":\"US\"}";
    }

    private static String reason(int status) {
        return switch (status) {
            case 200 -> "OK";
            case 201 -> "Created";
            case 204 -> "No Content";
            case 401 -> "Unauthorized";
            case 404 -> "Not Found";
            default -> "Status";
        };
    }

    private static byte[] gzip(byte[] content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(content.length / 3 + 32);
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(content);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // in-memory streams do not fail
        }
        return out.toByteArray();
    }

    private static byte[] ascii(CharSequence s) {
        return s.toString().getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
