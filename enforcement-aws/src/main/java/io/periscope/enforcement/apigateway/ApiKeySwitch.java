package io.periscope.enforcement.apigateway;

import io.periscope.enforcement.reconcile.AwsCalls;
import io.periscope.enforcement.reconcile.PointUnavailableException;
import software.amazon.awssdk.services.apigateway.ApiGatewayClient;
import software.amazon.awssdk.services.apigateway.model.Op;

/**
 * Disables and re-enables API Gateway API keys ({@code UpdateApiKey} patch {@code replace /enabled}): a block that
 * follows an attacker across addresses, for incidents whose principal is a key.
 */
public final class ApiKeySwitch {
    /** The enforcement point name in {@code BlockRecord.appliedTo}. */
    public static final String POINT = "apigateway:api-key";

    private final ApiGatewayClient client;
    private final AwsCalls calls;

    public ApiKeySwitch(ApiGatewayClient client, AwsCalls calls) {
        this.client = client;
        this.calls = calls;
    }

    public void setEnabled(String keyId, boolean enabled) throws PointUnavailableException, InterruptedException {
        calls.run(keyId, "UpdateApiKey", () -> client.updateApiKey(
                r -> r.apiKey(keyId).patchOperations(p -> p.op(Op.REPLACE).path("/enabled").value(Boolean.toString(enabled)))));
        calls.mutated(keyId, "UpdateApiKey", "enabled=" + enabled);
    }
}
