package io.periscope.server.alerts;

import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.periscope.alerts.Alerting;
import io.periscope.alerts.delivery.Attempt;
import io.periscope.alerts.delivery.DeadLetter;
import io.periscope.alerts.delivery.DeliveryLog;
import io.periscope.alerts.destination.AlertFormat;
import io.periscope.alerts.destination.Destination;
import io.periscope.alerts.destination.DestinationDraft;
import io.periscope.alerts.destination.DestinationStore;
import io.periscope.alerts.destination.EventSelection;
import io.periscope.alerts.destination.SealedSecret;
import io.periscope.events.detection.Severity;
import io.periscope.server.api.ApiError;
import io.periscope.server.auth.AccessRole;
import io.periscope.server.auth.Allowed;
import io.periscope.server.roles.ApiRoleEnabled;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Alert destinations (admin only: a destination decides where incident details go, and its extra headers may carry
 * the receiver's credentials). A new or rotated signing secret is in that call's answer and nowhere else; lists and
 * reads show how many secrets sign, never a secret, never the extra headers' values or the routing key. Writes and
 * test sends block on Kafka or on the receiver, so they run on the blocking pool.
 */
@Controller("/api/v1")
@ExecuteOn(TaskExecutors.BLOCKING)
@Allowed(AccessRole.ADMIN)
@Requires(condition = ApiRoleEnabled.class)
public class AlertDestinationController {
    private final Alerting alerting;
    private final DeliveryLog log;
    private final InstantSource clock;

    public AlertDestinationController(Alerting alerting, DeliveryLog log, InstantSource clock) {
        this.alerting = alerting;
        this.log = log;
        this.clock = clock;
    }

    /**
     * A destination as the API shows it.
     *
     * @param headerNames      names of the extra headers (values are not shown: they may be credentials)
     * @param signingSecrets   secrets that sign now: 2 during a rotation's grace period
     * @param rotationEndsAtMillis when the old secret stops signing, 0 when none is in its grace period
     * @param routingKeySet    whether a PagerDuty routing key is stored
     * @param declared         declared in configuration: read-only here
     */
    public record DestinationView(String id, String name, String url, AlertFormat format, EventSelection events,
                                  Severity minSeverity, List<String> services, boolean enabled, List<String> headerNames,
                                  int signingSecrets, long rotationEndsAtMillis, boolean routingKeySet, boolean declared,
                                  long updatedAtMillis) {
        static DestinationView of(Destination d, long now) {
            List<SealedSecret> active = d.secrets().stream().filter(s -> s.activeAt(now)).toList();
            long rotationEnds = active.stream().mapToLong(SealedSecret::expiresAtMillis).max().orElse(0);
            return new DestinationView(d.id(), d.name(), d.url(), d.format(), d.events(), d.minSeverity(), d.services(),
                    d.enabled(), d.headers().keySet().stream().sorted().toList(), active.size(), rotationEnds,
                    d.routingKey() != null, d.declared(), d.updatedAtMillis());
        }
    }

    /** The answer to a create or a rotation: the secret, shown this once. */
    public record CreatedDestination(String secret, DestinationView destination) {
    }

    /**
     * What the receiver answered to a test event.
     *
     * @param body the start of the receiver's body (capped by {@code periscope.alerts.max-response-bytes})
     */
    public record TestResult(String webhookId, String result, int status, String body, long latencyMillis, String error) {
    }

    @Get("/alert-destinations")
    public List<DestinationView> list() {
        long now = clock.millis();
        return alerting.destinations().all().stream().map(d -> DestinationView.of(d, now)).toList();
    }

    @Post("/alert-destinations")
    public MutableHttpResponse<?> create(@Body DestinationDraft draft) throws InterruptedException {
        if (draft == null) {
            return ApiError.response(HttpStatus.BAD_REQUEST, "a destination is required");
        }
        try {
            DestinationStore.Created created = alerting.destinations().create(draft, clock.millis());
            return HttpResponse.created(new CreatedDestination(created.secret(),
                    DestinationView.of(created.destination(), clock.millis())));
        } catch (IllegalArgumentException e) {
            return ApiError.response(HttpStatus.BAD_REQUEST, e.getMessage());
        }
    }

    @Get("/alert-destinations/{id}")
    public MutableHttpResponse<?> get(@PathVariable String id) {
        return alerting.destinations().get(id)
                .<MutableHttpResponse<?>>map(d -> HttpResponse.ok(DestinationView.of(d, clock.millis())))
                .orElseGet(() -> notFound(id));
    }

    @Put("/alert-destinations/{id}")
    public MutableHttpResponse<?> replace(@PathVariable String id, @Body DestinationDraft draft) throws InterruptedException {
        if (draft == null) {
            return ApiError.response(HttpStatus.BAD_REQUEST, "a destination is required");
        }
        if (alerting.destinations().get(id).map(Destination::declared).orElse(false)) {
            return ApiError.response(HttpStatus.CONFLICT, "destination " + id
                    + " is declared in configuration (periscope.alerts.destinations); change it there");
        }
        try {
            Optional<Destination> d = alerting.destinations().replace(id, draft, clock.millis());
            return d.<MutableHttpResponse<?>>map(x -> HttpResponse.ok(DestinationView.of(x, clock.millis())))
                    .orElseGet(() -> notFound(id));
        } catch (IllegalArgumentException e) {
            return ApiError.response(HttpStatus.BAD_REQUEST, e.getMessage());
        }
    }

    @Delete("/alert-destinations/{id}")
    public MutableHttpResponse<?> delete(@PathVariable String id) throws InterruptedException {
        try {
            return alerting.destinations().delete(id) ? HttpResponse.noContent() : notFound(id);
        } catch (IllegalArgumentException e) {
            return ApiError.response(HttpStatus.CONFLICT, e.getMessage());
        }
    }

    @Post("/alert-destinations/{id}/rotate-secret")
    public MutableHttpResponse<?> rotate(@PathVariable String id) throws InterruptedException {
        try {
            return alerting.destinations().rotate(id, clock.millis())
                    .<MutableHttpResponse<?>>map(c -> HttpResponse.ok(new CreatedDestination(c.secret(),
                            DestinationView.of(c.destination(), clock.millis()))))
                    .orElseGet(() -> notFound(id));
        } catch (IllegalArgumentException e) {
            return ApiError.response(HttpStatus.CONFLICT, e.getMessage());
        }
    }

    @Post("/alert-destinations/{id}/test")
    public MutableHttpResponse<?> test(@PathVariable String id) {
        Optional<Destination> d = alerting.destinations().get(id);
        if (d.isEmpty()) {
            return notFound(id);
        }
        Attempt a = alerting.test(d.get());
        return HttpResponse.ok(new TestResult(a.webhookId(), a.result().name(), a.status(),
                a.answer() == null ? null : a.answer().body(), a.latencyMillis(), a.error()));
    }

    @Get("/alert-destinations/{id}/deliveries")
    public MutableHttpResponse<?> deliveries(@PathVariable String id) {
        if (alerting.destinations().get(id).isEmpty() && log.deliveries(id).isEmpty()) {
            return notFound(id);
        }
        return HttpResponse.ok(Map.of("items", log.deliveries(id)));
    }

    @Get("/alert-dead-letters")
    public Map<String, List<DeadLetter>> deadLetters() {
        return Map.of("items", log.deadLetters());
    }

    private static MutableHttpResponse<?> notFound(String id) {
        return ApiError.response(HttpStatus.NOT_FOUND, "no alert destination " + id);
    }
}
