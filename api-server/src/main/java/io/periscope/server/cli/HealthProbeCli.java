package io.periscope.server.cli;

import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/**
 * {@code periscope health [URL]}: asks a running Periscope whether it is up, for container health checks (an OCI image
 * has no HEALTHCHECK instruction: ECS task definitions and Docker's {@code --health-cmd} run this instead; Kubernetes
 * probes call the HTTP endpoints directly). Exit status 0 when the endpoint answers 200 within the timeout, 1 otherwise.
 * The default URL is the liveness probe on loopback at {@code PERISCOPE_HTTP_PORT} (8080).
 */
public final class HealthProbeCli {
    static final Duration TIMEOUT = Duration.ofSeconds(5);

    private HealthProbeCli() {
    }

    public static int run(String[] args, Map<String, String> env, PrintStream out) {
        if (args.length > 1 || (args.length == 1 && (args[0].equals("--help") || args[0].equals("-h")))) {
            out.println("Usage: periscope health [URL]   (default http://127.0.0.1:$PERISCOPE_HTTP_PORT/health/live)");
            return args.length == 1 ? 0 : 2;
        }
        URI uri;
        try {
            uri = URI.create(args.length == 1 ? args[0] : "http://127.0.0.1:" + port(env) + "/health/live");
        } catch (IllegalArgumentException e) {
            out.println("periscope health: not a URL: " + args[0]);
            return 2;
        }
        HttpClient client = HttpClient.newBuilder().connectTimeout(TIMEOUT).followRedirects(HttpClient.Redirect.NEVER).build();
        try {
            HttpResponse<Void> response = client.send(HttpRequest.newBuilder(uri).timeout(TIMEOUT).GET().build(),
                    HttpResponse.BodyHandlers.discarding());
            out.println("periscope health: " + uri + " answered " + response.statusCode());
            return response.statusCode() == 200 ? 0 : 1;
        } catch (java.io.IOException e) {
            out.println("periscope health: " + uri + " unreachable: " + e.getClass().getSimpleName());
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        }
    }

    private static int port(Map<String, String> env) {
        String p = env.getOrDefault("PERISCOPE_HTTP_PORT", "8080");
        try {
            int port = Integer.parseInt(p.trim());
            return port > 0 && port < 65536 ? port : 8080;
        } catch (NumberFormatException e) {
            return 8080;
        }
    }
}
