package io.periscope.alerts;

import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.SSLContext;

/**
 * A real HTTP(S) receiver on loopback that records every request and answers from a script (then 200). Public for
 * api-server's end-to-end test, which takes it from this module's test-jar.
 */
public final class Receiver implements AutoCloseable {
    /** One request as it arrived. */
    public record Request(long atMillis, Map<String, String> headers, byte[] body) {
        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        public String bodyText() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    /** One scripted answer. */
    public record Answer(int status, Map<String, String> headers) {
    }

    private final HttpServer server;
    private final String scheme;
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final ConcurrentLinkedQueue<Answer> script = new ConcurrentLinkedQueue<>();

    private Receiver(HttpServer server, String scheme) {
        this.server = server;
        this.scheme = scheme;
        server.createContext("/", exchange -> {
            Map<String, String> headers = new TreeMap<>();
            exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), v.get(0)));
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            requests.add(new Request(System.currentTimeMillis(), headers, body));
            Answer a = script.poll();
            int status = a == null ? 200 : a.status();
            if (a != null) {
                a.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
            }
            byte[] answer = ("answer " + status).getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, answer.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(answer);
            }
        });
        server.start();
    }

    public static Receiver start() throws IOException {
        return startOn(0);
    }

    public static Receiver startOn(int port) throws IOException {
        return new Receiver(HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0), "http");
    }

    /** An https receiver presenting the certificate of {@code tls}. */
    public static Receiver startHttps(SSLContext tls) throws IOException {
        HttpsServer server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(tls));
        return new Receiver(server, "https");
    }

    public Receiver then(int status, Map<String, String> headers) {
        script.add(new Answer(status, headers));
        return this;
    }

    public Receiver then(int status) {
        return then(status, Map.of());
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public String url() {
        return scheme + "://127.0.0.1:" + port() + "/hook";
    }

    public List<Request> requests() {
        return new ArrayList<>(requests);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
