package io.periscope.server.health;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.periscope.server.config.PeriscopeSettings;
import io.periscope.server.config.Role;
import io.periscope.server.kafka.KafkaRuntime;
import io.periscope.server.kafka.KafkaStatus;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code GET /health}: the state of Kafka and of each role, without authentication, for load
 * balancers and operators. Answers 200 when everything this process runs is up, else 503.
 */
@Controller("/health")
public class HealthController {
    private final PeriscopeSettings settings;
    private final KafkaRuntime kafka;
    private final List<RoleComponent> components;

    public HealthController(PeriscopeSettings settings, KafkaRuntime kafka, List<RoleComponent> components) {
        this.settings = settings;
        this.kafka = kafka;
        this.components = components;
    }

    @Get
    public HttpResponse<Map<String, Object>> health() {
        KafkaStatus kafkaStatus = kafka.status(Duration.ofSeconds(2));
        boolean up = kafkaStatus.reachable();
        Map<String, Object> roles = new LinkedHashMap<>();
        for (Role role : Role.values()) {
            ComponentHealth health = settings.runs(role) ? roleHealth(role) : ComponentHealth.disabled();
            up &= health.status() != ComponentHealth.Status.DOWN;
            roles.put(role.name().toLowerCase(Locale.ROOT), health);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", up ? "UP" : "DOWN");
        body.put("kafka", kafkaStatus);
        body.put("roles", roles);
        return HttpResponse.status(up ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE).body(body);
    }

    private ComponentHealth roleHealth(Role role) {
        for (RoleComponent component : components) {
            if (component.role() == role) {
                try {
                    return component.health();
                } catch (RuntimeException e) {
                    // A failing probe is a DOWN role, not a failed health endpoint.
                    return ComponentHealth.down(Map.of("error", String.valueOf(e.getMessage())));
                }
            }
        }
        return ComponentHealth.idle("this build has nothing to run for the " + role.name().toLowerCase(Locale.ROOT) + " role yet");
    }
}
