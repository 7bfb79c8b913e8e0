package io.periscope.enforcement.apigateway;

import io.periscope.enforcement.reconcile.AwsCalls;
import io.periscope.enforcement.reconcile.PointUnavailableException;
import java.util.HashSet;
import java.util.List;
import software.amazon.awssdk.services.apigateway.ApiGatewayClient;
import software.amazon.awssdk.services.apigateway.model.Op;

/**
 * Converges one REST API's resource policy: {@code GetRestApi} → {@link DenyStatement#rewrite} →
 * {@code UpdateRestApi} (patch {@code replace /policy}) → {@code CreateDeployment} on every configured stage, since a
 * policy change takes effect only when deployed. {@code TooManyRequestsException} and {@code ConflictException} are
 * retried by {@link AwsCalls}.
 *
 * <p>A deployment still owed is remembered in memory and starts owed, so the first round after a start deploys once
 * even when the policy is already right (a restart between update and deployment is covered).
 */
public final class RestApiPolicyWriter {
    private final ApiGatewayClient client;
    private final String apiId;
    private final List<String> stages;
    private final DenyStatement statement;
    private final AwsCalls calls;
    private boolean deploymentOwed = true;

    public RestApiPolicyWriter(ApiGatewayClient client, String apiId, List<String> stages, DenyStatement statement,
                               AwsCalls calls) {
        this.client = client;
        this.apiId = apiId;
        this.stages = List.copyOf(stages);
        this.statement = statement;
        this.calls = calls;
    }

    /** The enforcement point name in {@code BlockRecord.appliedTo}. */
    public String point() {
        return "apigateway:" + apiId;
    }

    /**
     * @param addresses canonical CIDRs to deny, newest block first
     * @return the addresses the policy now denies (fewer than asked when the size limit cut the list)
     */
    public List<String> converge(List<String> addresses) throws PointUnavailableException, InterruptedException {
        DenyStatement.Result result = calls.run(point(), "GetRestApi+UpdateRestApi", () -> {
            String policy = client.getRestApi(r -> r.restApiId(apiId)).policy();
            DenyStatement.Result rewrite = statement.rewrite(policy, addresses);
            if (!new HashSet<>(rewrite.current()).equals(new HashSet<>(rewrite.included()))) {
                client.updateRestApi(r -> r.restApiId(apiId).patchOperations(
                        p -> p.op(Op.REPLACE).path("/policy").value(rewrite.policy())));
                deploymentOwed = true;
            }
            return rewrite;
        });
        if (deploymentOwed) {
            calls.mutated(point(), "UpdateRestApi", "deny statement holds " + result.included().size() + " addresses");
            for (String stage : stages) {
                calls.run(point(), "CreateDeployment", () -> client.createDeployment(
                        r -> r.restApiId(apiId).stageName(stage).description("Periscope block list update")));
                calls.mutated(point(), "CreateDeployment", "stage " + stage);
            }
            deploymentOwed = false;
        }
        return result.included();
    }
}
