package io.periscope.alerts.delivery;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * A one-request HTTP/1.1 client that connects to an address the caller has already checked, never resolving the host
 * again. {@code java.net.http.HttpClient} resolves the URL's host itself and offers no hook to pin the address on
 * Java 17, so the address checked by the guard and the one connected to could differ (DNS rebinding); here they are
 * the same object. For https the TLS handshake still sends the host name (SNI) and verifies the certificate against
 * it ({@code HTTPS} endpoint identification), so pinning the address weakens nothing.
 *
 * <p>Bounded: a connect timeout, a read timeout on every read, a total deadline, at most {@code maxBodyBytes} of the
 * response body and {@value #MAX_HEAD_BYTES} bytes of status line and headers. Redirects are not followed (a 3xx is
 * a failure): following one would connect to an address nobody checked. One request per connection
 * ({@code Connection: close}).
 */
public final class PinnedHttpClient {
    private static final int MAX_HEAD_BYTES = 16 * 1024;
    private final Duration connectTimeout;
    private final Duration readTimeout;
    private final int maxBodyBytes;
    private final SSLSocketFactory tls;

    public PinnedHttpClient(Duration connectTimeout, Duration readTimeout, int maxBodyBytes, SSLSocketFactory tls) {
        this.connectTimeout = connectTimeout;
        this.readTimeout = readTimeout;
        this.maxBodyBytes = maxBodyBytes;
        this.tls = tls;
    }

    /** Posts {@code body} to {@code uri} at {@code address}; headers must already be checked (no CR/LF). */
    public HttpAnswer post(URI uri, InetAddress address, Map<String, String> headers, byte[] body) throws IOException {
        boolean https = "https".equalsIgnoreCase(uri.getScheme());
        int port = uri.getPort() > 0 ? uri.getPort() : https ? 443 : 80;
        long start = System.nanoTime();
        long deadline = start + connectTimeout.toNanos() + readTimeout.toNanos() * 2;
        try (Socket raw = new Socket()) {
            raw.connect(new InetSocketAddress(address, port), (int) connectTimeout.toMillis());
            raw.setSoTimeout((int) readTimeout.toMillis());
            Socket socket = raw;
            if (https) {
                SSLSocket ssl = (SSLSocket) tls.createSocket(raw, uri.getHost(), port, true);
                SSLParameters params = ssl.getSSLParameters();
                params.setEndpointIdentificationAlgorithm("HTTPS");
                if (!literalAddress(uri.getHost())) {
                    // RFC 6066 §3: SNI names a host; an address literal is not sent (the certificate is still checked
                    // against the address: HTTPS endpoint identification matches it with an IP subjectAltName)
                    params.setServerNames(List.of(new SNIHostName(uri.getHost())));
                }
                ssl.setSSLParameters(params);
                ssl.startHandshake();
                socket = ssl;
            }
            OutputStream out = socket.getOutputStream();
            out.write(head(uri, port, https, headers, body.length));
            out.write(body);
            out.flush();
            return read(socket.getInputStream(), start, deadline);
        }
    }

    private static boolean literalAddress(String host) {
        if (host.startsWith("[") || host.indexOf(':') >= 0) {
            return true; // IPv6
        }
        for (int i = 0; i < host.length(); i++) {
            char c = host.charAt(i);
            if (c != '.' && (c < '0' || c > '9')) {
                return false;
            }
        }
        return true;
    }

    private static byte[] head(URI uri, int port, boolean https, Map<String, String> headers, int length) {
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        if (uri.getRawQuery() != null) {
            path += "?" + uri.getRawQuery();
        }
        boolean defaultPort = port == (https ? 443 : 80);
        String host = uri.getHost().contains(":") && !uri.getHost().startsWith("[") ? "[" + uri.getHost() + "]" : uri.getHost();
        StringBuilder b = new StringBuilder(256);
        b.append("POST ").append(path).append(" HTTP/1.1\r\n");
        b.append("Host: ").append(host).append(defaultPort ? "" : ":" + port).append("\r\n");
        b.append("Content-Type: application/json\r\n");
        b.append("Content-Length: ").append(length).append("\r\n");
        b.append("Connection: close\r\n");
        b.append("User-Agent: Periscope-Webhooks/1\r\n");
        headers.forEach((k, v) -> b.append(k).append(": ").append(v).append("\r\n"));
        b.append("\r\n");
        return b.toString().getBytes(StandardCharsets.UTF_8);
    }

    private HttpAnswer read(InputStream in, long start, long deadline) throws IOException {
        String head = readHead(in, deadline);
        int firstLineEnd = head.indexOf("\r\n");
        String statusLine = firstLineEnd < 0 ? head : head.substring(0, firstLineEnd);
        int status = status(statusLine);
        String retryAfter = null;
        long contentLength = -1;
        boolean chunked = false;
        for (String line : head.substring(firstLineEnd < 0 ? head.length() : firstLineEnd + 2).split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon <= 0) {
                continue;
            }
            String name = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String value = line.substring(colon + 1).trim();
            switch (name) {
                case "retry-after" -> retryAfter = value.length() > 64 ? value.substring(0, 64) : value;
                case "content-length" -> contentLength = parseLength(value);
                case "transfer-encoding" -> chunked = value.toLowerCase(Locale.ROOT).contains("chunked");
                default -> { }
            }
        }
        String body = readBody(in, chunked ? -1 : contentLength, deadline);
        return new HttpAnswer(status, retryAfter, body, (System.nanoTime() - start) / 1_000_000);
    }

    private static String readHead(InputStream in, long deadline) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream(512);
        int last4 = 0; // the last four bytes read: the head ends at CR LF CR LF
        while (last4 != 0x0d0a0d0a) {
            checkDeadline(deadline);
            int c = in.read();
            if (c < 0) {
                throw new IOException("the receiver closed the connection before its answer's headers ended");
            }
            head.write(c);
            if (head.size() > MAX_HEAD_BYTES) {
                throw new IOException("the receiver's answer headers are over " + MAX_HEAD_BYTES + " bytes");
            }
            last4 = last4 << 8 | c;
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }

    /** Up to {@code maxBodyBytes}; the rest is never read (the connection closes). Chunked bodies are shown raw. */
    private String readBody(InputStream in, long contentLength, long deadline) throws IOException {
        long want = contentLength < 0 ? maxBodyBytes : Math.min(contentLength, maxBodyBytes);
        byte[] buf = new byte[(int) want];
        int n = 0;
        try {
            while (n < want) {
                checkDeadline(deadline);
                int r = in.read(buf, n, buf.length - n);
                if (r < 0) {
                    break;
                }
                n += r;
            }
        } catch (SocketTimeoutException e) {
            // the status is what matters: a receiver that answers and then stalls has still answered
        }
        return new String(buf, 0, n, StandardCharsets.UTF_8);
    }

    private static int status(String statusLine) throws IOException {
        // "HTTP/1.1 200 OK": the three digits after the first space
        int sp = statusLine.indexOf(' ');
        if (!statusLine.startsWith("HTTP/") || sp < 0 || statusLine.length() < sp + 4) {
            throw new IOException("the receiver did not answer HTTP");
        }
        try {
            int status = Integer.parseInt(statusLine.substring(sp + 1, sp + 4));
            if (status < 100 || status > 599) {
                throw new IOException("the receiver answered an invalid status");
            }
            return status;
        } catch (NumberFormatException e) {
            throw new IOException("the receiver answered an invalid status", e);
        }
    }

    private static long parseLength(String value) {
        try {
            return value.length() > 18 ? -1 : Long.parseLong(value);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static void checkDeadline(long deadline) throws SocketTimeoutException {
        if (System.nanoTime() > deadline) {
            throw new SocketTimeoutException("the receiver took longer than the delivery deadline");
        }
    }
}
