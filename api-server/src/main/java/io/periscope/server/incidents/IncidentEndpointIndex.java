package io.periscope.server.incidents;

import io.periscope.discovery.template.PathSplitter;
import io.periscope.events.detection.EndpointTouch;
import io.periscope.events.detection.Incident;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which incidents may have touched a catalog endpoint, kept up to date as incidents arrive, so that
 * {@code GET /api/v1/incidents?endpoint=...} reads only those instead of scanning every incident.
 *
 * <p>A touch names its endpoint by id when detection knew it, else by service, method and path, which the API resolves
 * against the catalog at read time ({@link CatalogEndpoints}): the catalog's templates change after the incident was
 * written, so the index cannot hold the resolved id. It holds what the resolution needs to agree on: a touch can only
 * resolve to an endpoint of its own service and method whose template has as many segments as its path. So incidents
 * are indexed by each touch's endpoint id and by each touch's {@link Shape}; a query reads the incidents indexed under
 * the endpoint's id and shape and resolves only their touches.
 *
 * <p>Invariants: {@code keysOf} holds, per indexed incident, exactly the keys it is listed under in {@code byId} and
 * {@code byShape}, and no key maps to an empty set. Bounded: at most {@value #MAX_TOUCHES} touches of an incident are
 * indexed (detection keeps 20), touches with paths over {@link CatalogEndpoints#MAX_PATH_CHARS} characters are not
 * indexed by shape (they resolve to nothing), so the index holds at most twice that many entries per incident of the
 * view. Thread-safe: the view's thread writes, request threads read.
 */
final class IncidentEndpointIndex {
    /** Twice what detection keeps per incident: a newer detection build keeping more is still indexed. */
    static final int MAX_TOUCHES = 40;

    /** What a touch's path must share with a catalog endpoint to resolve to it. */
    record Shape(String serviceKey, String method, int segments) {
    }

    private final Map<String, Set<String>> byId = new HashMap<>();
    private final Map<Shape, Set<String>> byShape = new HashMap<>();
    private final Map<String, List<Object>> keysOf = new HashMap<>();

    /** Indexes the incident's latest version under {@code id} (null: it left the view). */
    synchronized void update(String id, Incident incident) {
        List<Object> old = keysOf.remove(id);
        if (old != null) {
            for (Object key : old) {
                unlist(key, id);
            }
        }
        if (incident == null || incident.endpoints() == null || incident.endpoints().isEmpty()) {
            return;
        }
        List<Object> keys = new ArrayList<>();
        List<EndpointTouch> touches = incident.endpoints();
        for (EndpointTouch t : touches.subList(0, Math.min(MAX_TOUCHES, touches.size()))) {
            if (t.endpointId() != null) {
                list(byId, t.endpointId(), id, keys);
            }
            Shape shape = shape(t);
            if (shape != null) {
                list(byShape, shape, id, keys);
            }
        }
        keysOf.put(id, keys);
    }

    /** The ids of the incidents that may have touched the endpoint of this id and shape. */
    synchronized Set<String> candidates(String endpointId, Shape endpointShape) {
        Set<String> out = new LinkedHashSet<>(byId.getOrDefault(endpointId, Set.of()));
        out.addAll(byShape.getOrDefault(endpointShape, Set.of()));
        return out;
    }

    /** Incidents indexed; for tests of the bound. */
    synchronized int size() {
        return keysOf.size();
    }

    /** Keys held in all; for tests of the bound. */
    synchronized int entries() {
        int n = 0;
        for (Set<String> ids : byId.values()) {
            n += ids.size();
        }
        for (Set<String> ids : byShape.values()) {
            n += ids.size();
        }
        return n;
    }

    /** The shape a touch resolves within, null when it cannot resolve to any endpoint. */
    static Shape shape(EndpointTouch t) {
        if (t.serviceKey() == null || t.method() == null || t.path() == null
                || t.path().length() > CatalogEndpoints.MAX_PATH_CHARS) {
            return null;
        }
        return new Shape(t.serviceKey(), t.method(), PathSplitter.split(t.path()).size());
    }

    private static <K> void list(Map<K, Set<String>> index, K key, String id, List<Object> keys) {
        if (index.computeIfAbsent(key, k -> new HashSet<>()).add(id)) {
            keys.add(key);
        }
    }

    private void unlist(Object key, String id) {
        Map<?, Set<String>> index = key instanceof Shape ? byShape : byId;
        Set<String> ids = index.get(key);
        if (ids != null && ids.remove(id) && ids.isEmpty()) {
            index.remove(key);
        }
    }
}
