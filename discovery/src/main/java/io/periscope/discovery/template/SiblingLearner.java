package io.periscope.discovery.template;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Learns which literal positions are identifiers. Endpoints of one method whose templates differ in
 * exactly one candidate literal position form a sibling group ({@code GET /products/*}). A group merges
 * into one template when it has at least {@code minSiblings} distinct values whose endpoints have a
 * response shape, and at least {@code minShapeSimilarity} of those share the most common response shape.
 * Word compounds are never candidates (dictionary guard), so {@code /org/onboardingStatus} stays literal.
 * Not thread-safe: one per service.
 */
public final class SiblingLearner {
    /** Distinct values kept per group; a group this large is evaluated with what it has. */
    static final int MAX_GROUP_VALUES = 256;

    private final int minSiblings;
    private final double minShapeSimilarity;
    private final Map<String, Group> groups = new HashMap<>();

    /** A decided merge: these endpoints become one, with template {@code pattern}. */
    public record Merge(String method, PathPattern pattern, Set<String> endpointIds) {
    }

    private static final class Group {
        final String method;
        final List<String> segments;
        final int position;
        final Map<String, String> endpointByValue = new HashMap<>();
        boolean merged;

        Group(String method, List<String> segments, int position) {
            this.method = method;
            this.segments = segments;
            this.position = position;
        }
    }

    public SiblingLearner(int minSiblings, double minShapeSimilarity) {
        if (minSiblings < 2) {
            throw new IllegalArgumentException("minSiblings must be at least 2, was " + minSiblings);
        }
        if (minShapeSimilarity < 0 || minShapeSimilarity > 1) {
            throw new IllegalArgumentException("minShapeSimilarity must be within 0..1, was " + minShapeSimilarity);
        }
        this.minSiblings = minSiblings;
        this.minShapeSimilarity = minShapeSimilarity;
    }

    /** Registers the endpoint a path resolved to; only its candidate positions matter. */
    public void observe(String method, ResolvedPath path, String endpointId) {
        for (int pos : path.candidatePositions()) {
            String key = groupKey(method, path.template(), path.segments(), pos);
            Group g = groups.computeIfAbsent(key, k -> new Group(method, templateSegments(path), pos));
            if (!g.merged && g.endpointByValue.size() < MAX_GROUP_VALUES) {
                g.endpointByValue.putIfAbsent(path.segments().get(pos), endpointId);
            }
        }
    }

    /** Evaluates every group that is large enough; {@code shapeOf} gives an endpoint's dominant response shape or null. */
    public List<Merge> evaluate(Function<String, String> shapeOf) {
        List<Merge> merges = new ArrayList<>();
        for (Group g : groups.values()) {
            if (g.merged || g.endpointByValue.size() < minSiblings) {
                continue;
            }
            Map<String, Integer> shapes = new HashMap<>();
            int withShape = 0;
            for (String id : g.endpointByValue.values()) {
                String shape = shapeOf.apply(id);
                if (shape != null) {
                    withShape++;
                    shapes.merge(shape, 1, Integer::sum);
                }
            }
            int dominant = shapes.values().stream().mapToInt(Integer::intValue).max().orElse(0);
            if (withShape >= minSiblings && dominant >= minShapeSimilarity * withShape) {
                g.merged = true;
                merges.add(new Merge(g.method, pattern(g), new LinkedHashSet<>(g.endpointByValue.values())));
            }
        }
        return merges;
    }

    private static PathPattern pattern(Group g) {
        StringBuilder sb = new StringBuilder();
        boolean[] literal = new boolean[g.segments.size()];
        for (int i = 0; i < literal.length; i++) {
            literal[i] = i != g.position && !g.segments.get(i).startsWith("{");
        }
        String name = ParameterNamer.name(g.segments, g.position, literal, SegmentKind.MIXED_ID, new java.util.HashSet<>());
        for (int i = 0; i < g.segments.size(); i++) {
            sb.append('/').append(i == g.position ? "{" + name + "}" : g.segments.get(i));
        }
        return PathPattern.parse(sb.toString());
    }

    private static List<String> templateSegments(ResolvedPath path) {
        return PathSplitter.split(path.template());
    }

    private static String groupKey(String method, String template, List<String> segments, int pos) {
        List<String> t = PathSplitter.split(template);
        StringBuilder sb = new StringBuilder(method).append(' ');
        for (int i = 0; i < t.size(); i++) {
            sb.append('/').append(i == pos ? "\u0000" : t.get(i));
        }
        return sb.toString();
    }
}
