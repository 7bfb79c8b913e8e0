package io.periscope.alerts.format;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * Links from a message back to Periscope's UI ({@code periscope.alerts.external-base-url}), so that whoever reads the
 * alert lands on the evidence.
 */
public record IncidentLinks(String baseUrl) {

    public IncidentLinks {
        baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    }

    public String incident(String id) {
        return baseUrl + "/#/incidents/" + URLEncoder.encode(id, StandardCharsets.UTF_8);
    }

    public String incidents() {
        return baseUrl + "/#/incidents";
    }

    /** The block list, where enforcement findings are acted on. */
    public String blocks() {
        return baseUrl + "/#/blocks";
    }

    public String endpoint(String endpointId) {
        return endpointId == null ? baseUrl + "/#/endpoints"
                : baseUrl + "/#/endpoints/" + URLEncoder.encode(endpointId, StandardCharsets.UTF_8);
    }
}
