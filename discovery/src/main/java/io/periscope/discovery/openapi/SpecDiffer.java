package io.periscope.discovery.openapi;

import io.periscope.discovery.template.PathSplitter;
import io.periscope.events.catalog.EndpointSnapshot;
import io.periscope.events.catalog.ParameterInfo;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.parameters.RequestBody;
import io.swagger.v3.oas.models.responses.ApiResponse;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Diffs a documented API with observed endpoints. A documented path matches an observed template when they
 * have the same segments, where a documented placeholder matches anything and a documented literal only the
 * same literal. The first server URL's path is a prefix of every documented path (Swagger 2's basePath is
 * converted to it by the parser).
 */
public final class SpecDiffer {

    /**
     * @throws SpecImportException (cancelled) when the thread is interrupted: the REST API's time limit
     */
    public SpecDiff diff(ImportedSpec imported, List<EndpointSnapshot> observed) throws SpecImportException {
        OpenAPI spec = imported.openApi();
        String base = basePath(spec);
        LocalRefs refs = new LocalRefs(spec);
        List<Documented> documented = new ArrayList<>();
        for (Map.Entry<String, PathItem> e : spec.getPaths().entrySet()) {
            PathItem item = refs.pathItem(e.getValue());
            if (item == null) {
                continue;
            }
            List<String> segs = PathSplitter.split(base + e.getKey());
            for (Map.Entry<PathItem.HttpMethod, Operation> op : item.readOperationsMap().entrySet()) {
                documented.add(new Documented(op.getKey().name(), e.getKey(), segs, op.getValue(), item.getParameters()));
            }
        }
        List<SpecDiff.Operation> shadow = new ArrayList<>();
        List<SpecDiff.Operation> zombie = new ArrayList<>();
        List<SpecDiff.Drift> params = new ArrayList<>();
        List<SpecDiff.Drift> statuses = new ArrayList<>();
        List<SpecDiff.Drift> fields = new ArrayList<>();
        Set<Documented> seen = new HashSet<>();
        // Only operations of the same method and segment count can match: a large document times many observed
        // endpoints would otherwise compare every pair.
        Map<Shape, List<Documented>> byShape = new HashMap<>();
        for (Documented d : documented) {
            byShape.computeIfAbsent(new Shape(d.method, d.segments.size()), k -> new ArrayList<>()).add(d);
        }
        for (EndpointSnapshot ep : observed) {
            if (Thread.currentThread().isInterrupted()) {
                throw new SpecImportException(SpecImportException.Reason.CANCELLED, "the import was stopped before it finished");
            }
            List<String> segs = PathSplitter.split(ep.pathTemplate());
            Documented match = null;
            for (Documented d : byShape.getOrDefault(new Shape(ep.method(), segs.size()), List.of())) {
                if (matches(d.segments, segs) && (match == null || d.literals() > match.literals())) {
                    match = d;
                }
            }
            if (match == null) {
                shadow.add(new SpecDiff.Operation(ep.method(), ep.pathTemplate(), ep.endpointId(), null, ep.traffic().calls()));
                continue;
            }
            seen.add(match);
            if (Boolean.TRUE.equals(match.op.getDeprecated()) && ep.traffic().calls() > 0) {
                zombie.add(new SpecDiff.Operation(ep.method(), ep.pathTemplate(), ep.endpointId(), match.path, ep.traffic().calls()));
            }
            driftOf(refs, ep, match, params, statuses, fields);
        }
        List<SpecDiff.Operation> neverSeen = new ArrayList<>();
        for (Documented d : documented) {
            if (!seen.contains(d)) {
                neverSeen.add(new SpecDiff.Operation(d.method, null, null, d.path, 0));
            }
        }
        return new SpecDiff(shadow, zombie, neverSeen, params, statuses, fields, imported.unfollowedReferences());
    }

    private record Shape(String method, int segments) {
    }

    private record Documented(String method, String path, List<String> segments, Operation op, List<Parameter> pathParams) {
        int literals() {
            int n = 0;
            for (String s : segments) {
                if (!s.startsWith("{")) {
                    n++;
                }
            }
            return n;
        }

        @Override
        public boolean equals(Object o) {
            return this == o;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(this);
        }
    }

    private static boolean matches(List<String> documented, List<String> observed) {
        if (documented.size() != observed.size()) {
            return false;
        }
        for (int i = 0; i < documented.size(); i++) {
            String d = documented.get(i);
            String o = observed.get(i);
            boolean dParam = d.startsWith("{") && d.contains("}");
            if (dParam) {
                String suffix = d.substring(d.indexOf('}') + 1);
                if (!o.endsWith(suffix)) {
                    return false;
                }
            } else if (!d.equals(o)) {
                return false;
            }
        }
        return true;
    }

    private static void driftOf(LocalRefs refs, EndpointSnapshot ep, Documented d, List<SpecDiff.Drift> params, List<SpecDiff.Drift> statuses,
                                List<SpecDiff.Drift> fields) {
        Set<String> declared = new HashSet<>();
        List<Parameter> all = new ArrayList<>();
        if (d.pathParams != null) {
            all.addAll(d.pathParams);
        }
        if (d.op.getParameters() != null) {
            all.addAll(d.op.getParameters());
        }
        for (Parameter declaredParameter : all) {
            Parameter p = refs.parameter(declaredParameter);
            if (p != null && p.getIn() != null && p.getName() != null) {
                declared.add(p.getIn().toLowerCase(Locale.ROOT) + " " + p.getName().toLowerCase(Locale.ROOT));
            }
        }
        RequestBody body = refs.requestBody(d.op.getRequestBody());
        Schema<?> requestSchema = body == null ? null : firstSchema(refs, body.getContent());
        for (ParameterInfo p : ep.parameters()) {
            String in = switch (p.location()) {
                case QUERY -> "query";
                case REQUEST_HEADER -> "header";
                case COOKIE -> "cookie";
                default -> null;
            };
            if (in != null && !declared.contains(in + " " + p.name().toLowerCase(Locale.ROOT))) {
                params.add(new SpecDiff.Drift(ep.method(), ep.pathTemplate(), ep.endpointId(), d.path, p.location() + " " + p.name()));
            }
            if (p.location() == io.periscope.events.catalog.ParameterLocation.REQUEST_BODY && !documentedField(refs, requestSchema, p.name())) {
                params.add(new SpecDiff.Drift(ep.method(), ep.pathTemplate(), ep.endpointId(), d.path, "REQUEST_BODY " + p.name()));
            }
        }
        Map<String, ApiResponse> responses = d.op.getResponses() == null ? Map.of() : d.op.getResponses();
        for (String status : ep.traffic().statusCodes().keySet()) {
            if (!status.chars().allMatch(Character::isDigit)) {
                continue;
            }
            ApiResponse r = refs.response(response(responses, status));
            if (r == null) {
                statuses.add(new SpecDiff.Drift(ep.method(), ep.pathTemplate(), ep.endpointId(), d.path, status));
                continue;
            }
            Schema<?> schema = firstSchema(refs, r.getContent());
            for (ParameterInfo p : ep.parameters()) {
                if (p.location() == io.periscope.events.catalog.ParameterLocation.RESPONSE_BODY
                        && Integer.toString(p.status()).equals(status) && !documentedField(refs, schema, p.name())) {
                    fields.add(new SpecDiff.Drift(ep.method(), ep.pathTemplate(), ep.endpointId(), d.path, status + " " + p.name()));
                }
            }
        }
    }

    private static ApiResponse response(Map<String, ApiResponse> responses, String status) {
        ApiResponse r = responses.get(status);
        if (r == null) {
            r = responses.get(status.charAt(0) + "XX");
        }
        if (r == null) {
            r = responses.get(status.charAt(0) + "xx");
        }
        return r == null ? responses.get("default") : r;
    }

    private static Schema<?> firstSchema(LocalRefs refs, io.swagger.v3.oas.models.media.Content content) {
        if (content == null || content.isEmpty()) {
            return null;
        }
        MediaType json = content.get("application/json");
        MediaType mt = json != null ? json : content.values().iterator().next();
        return mt == null ? null : refs.schema(mt.getSchema());
    }

    /**
     * True when the JSON path (or form field name) is described by the schema. A missing schema, or an object
     * without declared properties, documents any field: it says nothing, so nothing is undocumented.
     */
    @SuppressWarnings("rawtypes") // swagger-models declares properties as a map of raw Schema
    static boolean documentedField(LocalRefs refs, Schema<?> schema, String path) {
        Schema<?> s = refs.schema(schema);
        if (s == null) {
            return true;
        }
        int i = path.startsWith("$") ? 1 : 0;
        if (i == 0) {
            return s.getProperties() == null || s.getProperties().containsKey(path);
        }
        while (i < path.length()) {
            if (s == null) {
                return true;
            }
            if (path.startsWith("[*]", i)) {
                s = refs.schema(s.getItems());
                i += 3;
                continue;
            }
            int end = i + 1;
            while (end < path.length() && path.charAt(end) != '.' && !path.startsWith("[*]", end)) {
                end++;
            }
            Map<String, Schema> props = s.getProperties();
            if (props == null || props.isEmpty()) {
                return true;
            }
            s = refs.schema(props.get(path.substring(i + 1, end)));
            if (s == null) {
                return false;
            }
            i = end;
        }
        return true;
    }

    static String basePath(OpenAPI spec) {
        if (spec.getServers() == null || spec.getServers().isEmpty() || spec.getServers().get(0).getUrl() == null) {
            return "";
        }
        String url = spec.getServers().get(0).getUrl();
        try {
            String path = url.startsWith("/") ? url : URI.create(url).getPath();
            if (path == null || path.equals("/")) {
                return "";
            }
            return path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        } catch (IllegalArgumentException e) {
            return "";
        }
    }
}
