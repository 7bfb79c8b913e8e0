package io.periscope.server.health;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import java.util.Map;

/**
 * Health, in two audiences. For load balancers and orchestrators, without authentication and saying only
 * {@code UP} (200) or {@code DOWN} (503): {@code GET /health} is readiness (send traffic here?), {@code GET
 * /health/live} is liveness (restart this process?). For operators, with a viewer token: {@code GET
 * /api/v1/health}, the state of Kafka and of every role.
 */
@Controller
public class HealthController {
    public static final String READINESS = "/health";
    public static final String LIVENESS = "/health/live";

    private final HealthService health;

    public HealthController(HealthService health) {
        this.health = health;
    }

    @Get(READINESS)
    public HttpResponse<Map<String, String>> readiness() {
        return upOrDown(health.report().ready());
    }

    @Get(LIVENESS)
    public HttpResponse<Map<String, String>> liveness() {
        return upOrDown(health.report().live());
    }

    @Get("/api/v1/health")
    public HealthReport details() {
        return health.report();
    }

    private static HttpResponse<Map<String, String>> upOrDown(boolean up) {
        return HttpResponse.status(up ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE).body(Map.of("status", up ? "UP" : "DOWN"));
    }
}
