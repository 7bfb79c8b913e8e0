package io.periscope.events.catalog;

import java.util.List;
import java.util.Map;

/**
 * One observed parameter of an endpoint.
 *
 * @param location       where it was carried
 * @param name           the name; for bodies a JSON path ({@code $.items[*].id}), for form bodies the field name
 * @param status         for response bodies and headers, the status code of the responses it was seen in; else 0
 * @param type           the dominant inferred type: {@code integer}, {@code number}, {@code boolean},
 *                       {@code string}, {@code object}, {@code array}, {@code null}
 * @param format         the dominant string format ({@code date-time}, {@code date}, {@code email}, {@code uuid},
 *                       {@code ipv4}, {@code ipv6}, {@code uri}), or null
 * @param typeCounts     observations per {@code type} or {@code type:format}
 * @param seen           number of messages the parameter was present in
 * @param presenceRatio  {@code seen} divided by the messages it could have appeared in (1.0 means required)
 * @param enumValues     the values when the parameter looks like an enum (few distinct, non-sensitive, repeated); else empty
 * @param examples       up to three masked example values
 * @param sensitiveTypes the sensitive data types detected in its values
 */
public record ParameterInfo(
        ParameterLocation location,
        String name,
        int status,
        String type,
        String format,
        Map<String, Long> typeCounts,
        long seen,
        double presenceRatio,
        List<String> enumValues,
        List<String> examples,
        List<String> sensitiveTypes) {

    public ParameterInfo {
        typeCounts = typeCounts == null ? Map.of() : Map.copyOf(typeCounts);
        enumValues = enumValues == null ? List.of() : List.copyOf(enumValues);
        examples = examples == null ? List.of() : List.copyOf(examples);
        sensitiveTypes = sensitiveTypes == null ? List.of() : List.copyOf(sensitiveTypes);
    }
}
