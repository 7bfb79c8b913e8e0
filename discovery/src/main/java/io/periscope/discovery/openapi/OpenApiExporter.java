package io.periscope.discovery.openapi;

import io.periscope.events.catalog.EndpointSnapshot;
import io.periscope.events.catalog.ParameterInfo;
import io.swagger.v3.core.util.Json31;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.Paths;
import io.swagger.v3.oas.models.SpecVersion;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.JsonSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.parameters.RequestBody;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.servers.Server;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Exports the observed endpoints of one service as an OpenAPI 3.1 document: paths, operations, path,
 * query, header and cookie parameters, request bodies and responses per observed status with JSON Schemas
 * rebuilt from observed fields. Observed statistics go to {@code x-periscope-*} extensions. Examples are
 * not exported: only masked values exist, and they would not match the schemas.
 */
public final class OpenApiExporter {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([^}/]*)}");

    public OpenAPI export(String serviceKey, String host, List<EndpointSnapshot> endpoints) {
        OpenAPI api = new OpenAPI(SpecVersion.V31).openapi("3.1.0");
        api.setInfo(new Info().title(host + " (observed)").version("observed")
                .description("API observed by Periscope on " + serviceKey + ". Generated from traffic; not a contract."));
        api.addServersItem(new Server().url("http://" + host));
        Map<String, List<EndpointSnapshot>> byPath = new TreeMap<>();
        for (EndpointSnapshot e : endpoints) {
            byPath.computeIfAbsent(PLACEHOLDER.matcher(e.pathTemplate()).replaceAll("{}"), k -> new ArrayList<>()).add(e);
        }
        Paths paths = new Paths();
        for (List<EndpointSnapshot> group : byPath.values()) {
            group.sort(Comparator.comparing(EndpointSnapshot::method));
            String template = group.get(0).pathTemplate();
            List<String> names = placeholders(template);
            PathItem item = new PathItem();
            for (EndpointSnapshot e : group) {
                PathItem.HttpMethod m;
                try {
                    m = PathItem.HttpMethod.valueOf(e.method());
                } catch (IllegalArgumentException ex) {
                    continue; // WebDAV and custom methods have no place in OpenAPI
                }
                item.operation(m, operation(e, names));
            }
            if (item.readOperations().size() > 0) {
                paths.addPathItem(template, item);
            }
        }
        api.setPaths(paths);
        return api;
    }

    public String toJson(OpenAPI api) {
        return Json31.pretty(api);
    }

    private static List<String> placeholders(String template) {
        List<String> names = new ArrayList<>();
        Matcher m = PLACEHOLDER.matcher(template);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    private Operation operation(EndpointSnapshot e, List<String> pathNames) {
        Operation op = new Operation();
        op.setOperationId(e.method().toLowerCase(Locale.ROOT) + e.pathTemplate().replaceAll("[^A-Za-z0-9]+", "_"));
        op.addExtension("x-periscope-endpoint-id", e.endpointId());
        op.addExtension("x-periscope-calls", e.traffic().calls());
        op.addExtension("x-periscope-first-seen-micros", e.firstSeenMicros());
        op.addExtension("x-periscope-last-seen-micros", e.lastSeenMicros());
        op.addExtension("x-periscope-unauthenticated-share", e.traffic().unauthenticatedShare());
        if (!e.sensitiveData().isEmpty()) {
            op.addExtension("x-periscope-sensitive-types",
                    e.sensitiveData().stream().map(s -> s.type()).distinct().sorted().toList());
        }
        List<String> ownNames = placeholders(e.pathTemplate());
        Map<String, ParameterInfo> pathInfos = new LinkedHashMap<>();
        SchemaTree requestBody = new SchemaTree();
        Map<Integer, SchemaTree> responseBodies = new TreeMap<>();
        Map<Integer, List<ParameterInfo>> responseHeaders = new TreeMap<>();
        for (ParameterInfo p : e.parameters()) {
            switch (p.location()) {
                case PATH -> pathInfos.put(p.name(), p);
                case QUERY -> op.addParametersItem(parameter("query", p.name(), p, p.presenceRatio() >= 0.999));
                case REQUEST_HEADER -> op.addParametersItem(parameter("header", p.name(), p, p.presenceRatio() >= 0.999));
                case COOKIE -> op.addParametersItem(parameter("cookie", p.name(), p, p.presenceRatio() >= 0.999));
                case REQUEST_BODY -> requestBody.add(p);
                case RESPONSE_BODY -> responseBodies.computeIfAbsent(p.status(), s -> new SchemaTree()).add(p);
                case RESPONSE_HEADER -> responseHeaders.computeIfAbsent(p.status(), s -> new ArrayList<>()).add(p);
            }
        }
        for (int i = 0; i < pathNames.size(); i++) {
            ParameterInfo info = i < ownNames.size() ? pathInfos.get(ownNames.get(i)) : null;
            op.addParametersItem(parameter("path", pathNames.get(i), info, true));
        }
        if (!requestBody.isEmpty()) {
            op.setRequestBody(new RequestBody().content(content(dominant(e.traffic().requestContentTypes()), requestBody)));
        }
        ApiResponses responses = new ApiResponses();
        for (Map.Entry<String, Long> s : new TreeMap<>(e.traffic().statusCodes()).entrySet()) {
            if (!s.getKey().chars().allMatch(Character::isDigit)) {
                continue;
            }
            ApiResponse r = new ApiResponse().description("Observed " + s.getValue() + " times");
            SchemaTree body = responseBodies.get(Integer.parseInt(s.getKey()));
            if (body != null && !body.isEmpty()) {
                r.setContent(content(dominant(e.traffic().responseContentTypes()), body));
            }
            for (ParameterInfo h : responseHeaders.getOrDefault(Integer.parseInt(s.getKey()), List.of())) {
                r.addHeaderObject(h.name(), new Header().schema(schema(h)));
            }
            responses.addApiResponse(s.getKey(), r);
        }
        if (responses.isEmpty()) {
            responses.addApiResponse("default", new ApiResponse().description("No response observed"));
        }
        op.setResponses(responses);
        return op;
    }

    private static Content content(String mediaType, SchemaTree tree) {
        return new Content().addMediaType(mediaType, new MediaType().schema(tree.toSchema()));
    }

    private static String dominant(Map<String, Long> counts) {
        return counts.entrySet().stream()
                .filter(en -> en.getKey().contains("/"))
                .max(Map.Entry.<String, Long>comparingByValue().thenComparing(Map.Entry.comparingByKey(Comparator.reverseOrder())))
                .map(Map.Entry::getKey).orElse("application/json");
    }

    private static Parameter parameter(String in, String name, ParameterInfo p, boolean required) {
        Parameter param = new Parameter().in(in).name(name).required(required).schema(schema(p));
        if (p != null && !p.sensitiveTypes().isEmpty()) {
            param.addExtension("x-periscope-sensitive-types", p.sensitiveTypes());
        }
        if (p != null && !in.equals("path")) {
            param.addExtension("x-periscope-presence", p.presenceRatio());
        }
        return param;
    }

    private static Schema<Object> schema(ParameterInfo p) {
        Schema<Object> schema = new JsonSchema();
        schema.specVersion(SpecVersion.V31);
        schema.addType(p == null || p.type().equals("null") ? "string" : p.type());
        if (p != null && p.format() != null && !p.format().equals("binary")) {
            schema.setFormat(p.format());
        }
        if (p != null && !p.enumValues().isEmpty() && p.type().equals("string")) {
            schema.setEnum(new ArrayList<>(p.enumValues()));
        }
        return schema;
    }
}
