package io.periscope.server.incidents;

import io.periscope.discovery.template.PathPattern;
import io.periscope.discovery.template.PathSplitter;
import io.periscope.discovery.view.CatalogIndex;
import io.periscope.events.catalog.EndpointSnapshot;
import io.periscope.events.detection.EndpointTouch;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The catalog endpoint an incident's {@link EndpointTouch} names. Detection cannot give the catalog's id itself: the
 * catalog lives in the discovery stage, keyed by service, and templates paths with learned and user rules, while
 * detection is keyed by actor and names a touch by segment shape ({@code /users/{id}}, its {@code PathTemplates}) or by
 * the masked path of the request a signature matched. So the API resolves a touch against the catalog templates of
 * its service and method, as discovery's templater would resolve a concrete path: a catalog placeholder matches any
 * segment (a concrete id, detection's {@code {id}}, a sensor marker such as {@code [redacted:...]}), a literal only
 * itself; of several matching templates the one with the most literal segments wins (a literal {@code /users/me}
 * beats {@code /users/{userId}}), ties by endpoint id so the answer is stable.
 *
 * <p>One instance per request: it holds the parsed templates of the services asked for and remembers each answer
 * (at most one entry per distinct touch read in that request). Paths longer than {@link #MAX_PATH_CHARS} name no
 * endpoint; splitting is one pass, matching compares only templates of the same method and segment count.
 */
final class CatalogEndpoints {
    /** Detection cuts touch paths to 2048 characters; anything longer did not come from it. */
    static final int MAX_PATH_CHARS = 4096;

    private record Candidate(String endpointId, PathPattern pattern, int literals) {
    }

    private record Shape(String serviceKey, String method, int segments) {
    }

    private record TouchKey(String serviceKey, String method, String path) {
    }

    private final CatalogIndex index;
    private final Set<String> servicesRead = new HashSet<>();
    private final Map<Shape, List<Candidate>> byShape = new HashMap<>();
    private final Map<TouchKey, Optional<String>> resolved = new HashMap<>();

    CatalogEndpoints(CatalogIndex index) {
        this.index = index;
    }

    /** The catalog id of the endpoint the touch names, empty when the catalog has no such endpoint (yet). */
    Optional<String> resolve(EndpointTouch touch) {
        if (touch.endpointId() != null && index.endpoint(touch.endpointId()).isPresent()) {
            return Optional.of(touch.endpointId());
        }
        if (touch.serviceKey() == null || touch.method() == null || touch.path() == null
                || touch.path().length() > MAX_PATH_CHARS) {
            return Optional.empty();
        }
        return resolved.computeIfAbsent(new TouchKey(touch.serviceKey(), touch.method(), touch.path()), this::match);
    }

    /** The shape a touch must have to resolve to the endpoint of this id; empty when the catalog has no such endpoint. */
    Optional<IncidentEndpointIndex.Shape> shape(String endpointId) {
        return index.endpoint(endpointId).map(s -> new IncidentEndpointIndex.Shape(s.serviceKey(), s.method(),
                pattern(s.pathTemplate()).segments().size()));
    }

    /**
     * Whether the touch names the endpoint: its own id says so, or it resolves to it. Touches of other services and
     * methods are rejected before any template is read.
     */
    boolean names(EndpointTouch touch, String endpointId) {
        if (endpointId.equals(touch.endpointId())) {
            return true;
        }
        Optional<EndpointSnapshot> target = index.endpoint(endpointId);
        return target.isPresent() && target.get().serviceKey().equals(touch.serviceKey())
                && target.get().method().equals(touch.method()) && resolve(touch).filter(endpointId::equals).isPresent();
    }

    private Optional<String> match(TouchKey key) {
        readService(key.serviceKey());
        List<String> segments = PathSplitter.split(key.path());
        List<String> decoded = new ArrayList<>(segments.size());
        for (String s : segments) {
            decoded.add(PathSplitter.decode(s));
        }
        Candidate best = null;
        for (Candidate c : byShape.getOrDefault(new Shape(key.serviceKey(), key.method(), decoded.size()), List.of())) {
            if (c.pattern().matches(decoded) && (best == null || c.literals() > best.literals()
                    || (c.literals() == best.literals() && c.endpointId().compareTo(best.endpointId()) < 0))) {
                best = c;
            }
        }
        return best == null ? Optional.empty() : Optional.of(best.endpointId());
    }

    private void readService(String serviceKey) {
        if (!servicesRead.add(serviceKey)) {
            return;
        }
        for (EndpointSnapshot s : index.ofService(serviceKey)) {
            PathPattern pattern = pattern(s.pathTemplate());
            int literals = 0;
            for (PathPattern.Segment seg : pattern.segments()) {
                literals += seg.isParameter() ? 0 : 1;
            }
            byShape.computeIfAbsent(new Shape(serviceKey, s.method(), pattern.segments().size()), k -> new ArrayList<>())
                    .add(new Candidate(s.endpointId(), pattern, literals));
        }
    }

    /**
     * The template as a pattern. A template whose literal segment holds a brace (a path such as {@code /a{b} that
     * discovery kept literal) is not a valid pattern: it matches only its own spelling, every segment literal.
     */
    private static PathPattern pattern(String template) {
        try {
            return PathPattern.parse(template);
        } catch (IllegalArgumentException notAPattern) {
            List<PathPattern.Segment> literal = new ArrayList<>();
            for (String s : PathSplitter.split(template)) {
                literal.add(new PathPattern.Segment(s, null, null));
            }
            return new PathPattern(template, literal);
        }
    }
}
