package io.periscope.server.incidents;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.annotation.RequestAttribute;
import io.micronaut.context.annotation.Requires;
import io.periscope.discovery.view.CatalogReadModel;
import io.periscope.events.detection.DetectionFeedback;
import io.periscope.events.detection.EndpointTouch;
import io.periscope.events.detection.Incident;
import io.periscope.events.detection.IncidentStatus;
import io.periscope.events.detection.Severity;
import io.periscope.events.time.EpochMicros;
import io.periscope.server.api.ApiError;
import io.periscope.server.api.QueryParameters;
import io.periscope.server.auth.AccessRole;
import io.periscope.server.auth.Allowed;
import io.periscope.server.auth.Principal;
import io.periscope.server.roles.ApiRoleEnabled;
import io.periscope.server.store.SharedRecords;
import jakarta.inject.Named;

import java.time.InstantSource;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Incidents and actors: list (filtered, sorted, paged), one incident with its timeline and evidence, one actor, and
 * the decisions users take (dismiss, reopen, trust). A decision is written to {@code periscope.detection-feedback};
 * detection applies it and publishes the incident's next version, so the answer is 202 Accepted.
 */
@Controller("/api/v1")
@Requires(condition = ApiRoleEnabled.class)
public class IncidentController {
    static final int DEFAULT_LIMIT = 50;
    static final Map<String, IncidentStatus> STATUSES = choices(IncidentStatus.values());
    static final Map<String, Severity> SEVERITIES = choices(Severity.values());
    static final Map<String, IncidentQuery.Sort> SORTS = sorts();
    private static final Map<String, Boolean> ORDERS = Map.of("asc", Boolean.FALSE, "desc", Boolean.TRUE);

    private final IncidentReadModel incidents;
    private final CatalogReadModel catalog;
    private final SharedRecords<DetectionFeedback> feedback;
    private final InstantSource clock;

    public IncidentController(IncidentReadModel incidents, CatalogReadModel catalog,
                              @Named("detection-feedback") SharedRecords<DetectionFeedback> feedback, InstantSource clock) {
        this.incidents = incidents;
        this.catalog = catalog;
        this.feedback = feedback;
        this.clock = clock;
    }

    /** The body of a decision: why, for the record (optional, at most 500 characters kept). */
    public record Decision(@Nullable String reason) {
    }

    /**
     * The list. {@code endpoint} names a catalog endpoint by its id: only incidents that touched it, resolved against
     * the catalog's templates ({@link CatalogEndpoints}); an id the catalog does not hold is 404, not an empty page,
     * so a mistyped link is not mistaken for "no attack here".
     */
    @Get("/incidents")
    public HttpResponse<?> list(@Nullable @QueryValue String status, @Nullable @QueryValue String type,
                                @Nullable @QueryValue String severity, @Nullable @QueryValue String actor,
                                @Nullable @QueryValue String since, @Nullable @QueryValue String endpoint,
                                @Nullable @QueryValue String sort, @Nullable @QueryValue String order,
                                @Nullable @QueryValue String offset, @Nullable @QueryValue String limit) {
        String t = QueryParameters.text("type", type);
        String endpointId = QueryParameters.name("endpoint", endpoint);
        IncidentQuery query = new IncidentQuery(
                QueryParameters.choice("status", status, STATUSES, null),
                t == null ? null : t.toUpperCase(Locale.ROOT),
                QueryParameters.choice("severity", severity, SEVERITIES, null),
                QueryParameters.text("actor", actor),
                QueryParameters.instantMicros("since", since),
                endpointId,
                QueryParameters.choice("sort", sort, SORTS, IncidentQuery.Sort.LAST_SEEN),
                QueryParameters.choice("order", order, ORDERS, Boolean.TRUE),
                QueryParameters.offset(offset),
                QueryParameters.limit(limit, DEFAULT_LIMIT, IncidentQuery.MAX_LIMIT));
        if (endpointId != null && catalog.index().endpoint(endpointId).isEmpty()) {
            return ApiError.response(HttpStatus.NOT_FOUND, "no endpoint " + endpointId);
        }
        return HttpResponse.ok(incidents.query(query, new CatalogEndpoints(catalog.index())));
    }

    /** One incident; each endpoint it touched carries the catalog id it resolves to, null when the catalog has none. */
    @Get("/incidents/{id}")
    public HttpResponse<?> incident(@PathVariable String id) {
        return incidents.get(id).<HttpResponse<?>>map(i -> HttpResponse.ok(linked(i, new CatalogEndpoints(catalog.index()))))
                .orElseGet(() -> ApiError.response(HttpStatus.NOT_FOUND, "no incident " + id));
    }

    private static Incident linked(Incident i, CatalogEndpoints catalog) {
        List<EndpointTouch> touches = i.endpoints().stream().map(t -> new EndpointTouch(t.serviceKey(),
                catalog.resolve(t).orElse(null), t.method(), t.path(), t.requests())).toList();
        return new Incident(i.schemaVersion(), i.id(), i.version(), i.change(), i.status(), i.actor(), i.types(),
                i.severity(), i.confidence(), i.outcome(), i.verdict(), i.verdictReason(), i.firstSeenMicros(),
                i.lastSeenMicros(), i.requestCount(), i.signalCount(), touches, i.evidence(), i.timeline(),
                i.updatedAtMicros());
    }

    @Get("/actors/{id}")
    public HttpResponse<?> actor(@PathVariable String id) {
        Optional<DetectionFeedback> trust = feedback.get(id).filter(ActorView::trusted);
        Optional<IncidentReadModel.ActorParts> parts = incidents.actor(id);
        if (parts.isEmpty() && trust.isEmpty()) {
            return ApiError.response(HttpStatus.NOT_FOUND, "no actor " + id);
        }
        IncidentReadModel.ActorParts p = parts.orElse(new IncidentReadModel.ActorParts(List.of(), List.of(), List.of(), List.of()));
        return HttpResponse.ok(new ActorView(id, trust.isPresent(), trust.map(DetectionFeedback::by).orElse(null),
                trust.map(DetectionFeedback::reason).orElse(null), p.addresses(), p.credentials(), p.users(), p.incidents()));
    }

    @Post("/incidents/{id}/dismiss")
    @Allowed(AccessRole.ADMIN)
    public HttpResponse<?> dismiss(@PathVariable String id, @Nullable @Body Decision body,
                                   @RequestAttribute(Principal.ATTRIBUTE) Principal principal) {
        return decide(id, DetectionFeedback.Action.DISMISS, body, principal);
    }

    @Post("/incidents/{id}/reopen")
    @Allowed(AccessRole.ADMIN)
    public HttpResponse<?> reopen(@PathVariable String id, @Nullable @Body Decision body,
                                  @RequestAttribute(Principal.ATTRIBUTE) Principal principal) {
        return decide(id, DetectionFeedback.Action.REOPEN, body, principal);
    }

    @Post("/actors/{id}/trust")
    @Allowed(AccessRole.ADMIN)
    public HttpResponse<?> trust(@PathVariable String id, @Nullable @Body Decision body,
                                 @RequestAttribute(Principal.ATTRIBUTE) Principal principal) {
        DetectionFeedback f = new DetectionFeedback(DetectionFeedback.SCHEMA_VERSION, DetectionFeedback.Action.TRUST,
                QueryParameters.text("id", id), null, principal.tokenName(), reason(body), EpochMicros.now(clock));
        feedback.put(f.key(), f);
        return HttpResponse.accepted().body(f);
    }

    @Post("/actors/{id}/untrust")
    @Allowed(AccessRole.ADMIN)
    public HttpResponse<?> untrust(@PathVariable String id, @Nullable @Body Decision body,
                                   @RequestAttribute(Principal.ATTRIBUTE) Principal principal) {
        DetectionFeedback f = new DetectionFeedback(DetectionFeedback.SCHEMA_VERSION, DetectionFeedback.Action.UNTRUST,
                QueryParameters.text("id", id), null, principal.tokenName(), reason(body), EpochMicros.now(clock));
        feedback.put(f.key(), f);
        return HttpResponse.accepted().body(f);
    }

    private HttpResponse<?> decide(String id, DetectionFeedback.Action action, Decision body, Principal principal) {
        Optional<Incident> incident = incidents.get(id);
        if (incident.isEmpty()) {
            return ApiError.response(HttpStatus.NOT_FOUND, "no incident " + id);
        }
        DetectionFeedback f = new DetectionFeedback(DetectionFeedback.SCHEMA_VERSION, action, incident.get().actor().id(),
                id, principal.tokenName(), reason(body), EpochMicros.now(clock));
        feedback.put(f.key(), f);
        return HttpResponse.accepted().body(f);
    }

    private static String reason(Decision body) {
        return body == null || body.reason() == null || body.reason().isBlank() ? null : body.reason().strip();
    }

    private static <E extends Enum<E>> Map<String, E> choices(E[] values) {
        return Arrays.stream(values).collect(Collectors.toMap(e -> e.name().toLowerCase(Locale.ROOT), Function.identity(),
                (a, b) -> a, LinkedHashMap::new));
    }

    private static Map<String, IncidentQuery.Sort> sorts() {
        Map<String, IncidentQuery.Sort> m = new LinkedHashMap<>();
        m.put("lastSeen", IncidentQuery.Sort.LAST_SEEN);
        m.put("firstSeen", IncidentQuery.Sort.FIRST_SEEN);
        m.put("severity", IncidentQuery.Sort.SEVERITY);
        m.put("requests", IncidentQuery.Sort.REQUESTS);
        m.put("confidence", IncidentQuery.Sort.CONFIDENCE);
        return m;
    }
}
