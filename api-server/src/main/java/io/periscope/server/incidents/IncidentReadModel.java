package io.periscope.server.incidents;

import io.periscope.discovery.view.Page;
import io.periscope.events.detection.ActorAddress;
import io.periscope.events.detection.EndpointTouch;
import io.periscope.events.detection.Incident;
import io.periscope.events.kafka.CompactedTopicView;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The incidents as {@code periscope.incidents} holds them (latest version per id), for the API. Queries scan the
 * view: incidents are few compared with endpoints (one per attacker campaign), and resolved ones leave the topic
 * only by compaction of newer versions, so a scan of some thousands per request is the honest cost. The endpoint
 * filter is the exception: it resolves touches against the catalog, which costs far more than comparing fields, so
 * it reads only the incidents an {@link IncidentEndpointIndex} lists for the endpoint's id and shape.
 */
public final class IncidentReadModel implements AutoCloseable {
    private final CompactedTopicView<Incident> view;
    private final IncidentEndpointIndex endpoints = new IncidentEndpointIndex();

    /** Call before the view starts, so the index sees every incident the view applies. */
    public IncidentReadModel(CompactedTopicView<Incident> view) {
        this.view = view.onChange(endpoints::update);
    }

    public Optional<Incident> get(String id) {
        return view.get(id);
    }

    /** A page of incidents; {@code catalog} resolves the touches when the query names an endpoint. */
    public Page<IncidentSummary> query(IncidentQuery q, CatalogEndpoints catalog) {
        List<Incident> matching = new ArrayList<>();
        for (Incident i : candidates(q, catalog)) {
            if (matches(i, q) && (q.endpointId() == null || touched(i, q.endpointId(), catalog))) {
                matching.add(i);
            }
        }
        Comparator<Incident> order = comparator(q.sort());
        if (q.descending()) {
            order = order.reversed();
        }
        matching.sort(order.thenComparing(Incident::id));
        int from = Math.min(q.offset(), matching.size());
        int to = Math.min(matching.size(), from + q.limit());
        return new Page<>(matching.subList(from, to).stream().map(IncidentSummary::of).toList(), matching.size(),
                q.offset(), q.limit());
    }

    /** Every incident, or with an endpoint filter only those the index lists for the endpoint's id and shape. */
    private Collection<Incident> candidates(IncidentQuery q, CatalogEndpoints catalog) {
        if (q.endpointId() == null) {
            return view.values();
        }
        Set<String> ids = endpoints.candidates(q.endpointId(), catalog.shape(q.endpointId()).orElse(null));
        List<Incident> out = new ArrayList<>(ids.size());
        for (String id : ids) {
            view.get(id).ifPresent(out::add);
        }
        return out;
    }

    /** The actor's incidents and principals, merged over its incidents; empty when no incident names it. */
    public Optional<ActorParts> actor(String actorId) {
        List<Incident> mine = new ArrayList<>();
        for (Incident i : view.values()) {
            if (i.actor().id().equals(actorId)) {
                mine.add(i);
            }
        }
        if (mine.isEmpty()) {
            return Optional.empty();
        }
        mine.sort(Comparator.comparingLong(Incident::lastSeenMicros).reversed());
        Map<String, ActorAddress> addresses = new LinkedHashMap<>();
        Set<String> credentials = new LinkedHashSet<>();
        Set<String> users = new LinkedHashSet<>();
        for (Incident i : mine) {
            for (ActorAddress a : i.actor().addresses()) {
                addresses.merge(a.ip(), a, (x, y) -> new ActorAddress(x.ip(), x.source(), Math.max(x.requests(), y.requests())));
            }
            credentials.addAll(i.actor().credentials());
            users.addAll(i.actor().users());
        }
        List<ActorAddress> byRequests = new ArrayList<>(addresses.values());
        byRequests.sort(Comparator.comparingLong(ActorAddress::requests).reversed());
        return Optional.of(new ActorParts(byRequests, List.copyOf(credentials), List.copyOf(users),
                mine.stream().map(IncidentSummary::of).toList()));
    }

    /** What the incidents say of an actor. */
    public record ActorParts(List<ActorAddress> addresses, List<String> credentials, List<String> users,
                             List<IncidentSummary> incidents) {
    }

    private static boolean touched(Incident i, String endpointId, CatalogEndpoints catalog) {
        for (EndpointTouch t : i.endpoints()) {
            if (catalog.names(t, endpointId)) {
                return true;
            }
        }
        return false;
    }

    private static boolean matches(Incident i, IncidentQuery q) {
        if (q.status() != null && i.status() != q.status()) {
            return false;
        }
        if (q.type() != null && !i.types().contains(q.type())) {
            return false;
        }
        if (q.severity() != null && !i.severity().atLeast(q.severity())) {
            return false;
        }
        if (q.sinceMicros() != null && i.lastSeenMicros() < q.sinceMicros()) {
            return false;
        }
        return q.actor() == null || i.actor().id().equals(q.actor()) || i.actor().users().contains(q.actor())
                || i.actor().addresses().stream().anyMatch(a -> a.ip().equals(q.actor()));
    }

    private static Comparator<Incident> comparator(IncidentQuery.Sort sort) {
        return switch (sort) {
            case LAST_SEEN -> Comparator.comparingLong(Incident::lastSeenMicros);
            case FIRST_SEEN -> Comparator.comparingLong(Incident::firstSeenMicros);
            case SEVERITY -> Comparator.comparing(Incident::severity).thenComparingDouble(Incident::confidence);
            case REQUESTS -> Comparator.comparingLong(Incident::requestCount);
            case CONFIDENCE -> Comparator.comparingDouble(Incident::confidence);
        };
    }

    public boolean awaitCaughtUp(java.time.Duration timeout) throws InterruptedException {
        return view.awaitCaughtUp(timeout);
    }

    @Override
    public void close() throws InterruptedException {
        view.close();
    }
}
