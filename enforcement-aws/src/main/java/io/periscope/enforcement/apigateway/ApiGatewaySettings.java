package io.periscope.enforcement.apigateway;

import java.util.List;
import java.util.Map;

/**
 * API Gateway enforcement ({@code periscope.enforcement.api-gateway.*}).
 *
 * @param restApis  REST API id → stages to redeploy after a policy change (empty map: no resource-policy enforcement)
 * @param apiKeys   credential fingerprint (as in {@code Actor.credentials}) → API key id to disable for incidents whose
 *                  principal is that key (empty: keys are never disabled)
 * @param sid       the {@code Sid} of the Deny statement Periscope owns in each resource policy
 * @param maxPolicyChars the resource policy limit (8,192 characters)
 */
public record ApiGatewaySettings(Map<String, List<String>> restApis, Map<String, String> apiKeys, String sid,
                                 int maxPolicyChars) {

    public static final String DEFAULT_SID = "PeriscopeDeny";
    public static final int POLICY_LIMIT = 8_192;

    public ApiGatewaySettings {
        restApis = Map.copyOf(restApis);
        apiKeys = Map.copyOf(apiKeys);
        if (!sid.matches("[A-Za-z0-9]{1,64}")) {
            throw new IllegalArgumentException("sid must be 1..64 letters and digits, got " + sid);
        }
    }

    public static ApiGatewaySettings none() {
        return new ApiGatewaySettings(Map.of(), Map.of(), DEFAULT_SID, POLICY_LIMIT);
    }
}
