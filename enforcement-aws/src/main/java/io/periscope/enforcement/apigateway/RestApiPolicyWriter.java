package io.periscope.enforcement.apigateway;

import io.periscope.enforcement.reconcile.AwsCalls;
import io.periscope.enforcement.reconcile.PointUnavailableException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.TreeSet;
import software.amazon.awssdk.services.apigateway.ApiGatewayClient;
import software.amazon.awssdk.services.apigateway.model.NotFoundException;
import software.amazon.awssdk.services.apigateway.model.Op;

/**
 * Converges one REST API's resource policy: {@code GetRestApi} → {@link DenyStatement#rewrite} →
 * {@code UpdateRestApi} (patch {@code replace /policy}) → {@code CreateDeployment} on every configured stage, since a
 * policy change takes effect only when deployed. {@code TooManyRequestsException} and {@code ConflictException} are
 * retried by {@link AwsCalls}.
 *
 * <p>Whether a deployment is owed is derived from AWS, not remembered: each deployment Periscope creates carries, in
 * its description, a fingerprint of the addresses its Deny statement held ({@value #DESCRIPTION_PREFIX}
 * {@code <fingerprint>}). The first round after a start reads every stage's current deployment ({@code GetStage},
 * {@code GetDeployment}) and deploys when one of them does not carry the fingerprint of the statement in the policy
 * now, so a restart between the policy update and the deployment still deploys, and a restart without a change does
 * not. From then on the writer knows: it deploys after each change it makes, and until a deployment of every stage
 * succeeds.
 */
public final class RestApiPolicyWriter {
    static final String DESCRIPTION_PREFIX = "Periscope block list ";

    private final ApiGatewayClient client;
    private final String apiId;
    private final List<String> stages;
    private final DenyStatement statement;
    private final AwsCalls calls;
    /** Null until the first round has compared the stages' deployments with the policy. */
    private Boolean deploymentOwed;

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
        if (Boolean.TRUE.equals(deploymentOwed)) {
            calls.mutated(point(), "UpdateRestApi", "deny statement holds " + result.included().size() + " addresses");
        }
        String fingerprint = fingerprint(result.included());
        if (deploymentOwed == null) {
            deploymentOwed = stagesBehind(fingerprint, !result.included().isEmpty());
        }
        if (deploymentOwed) {
            for (String stage : stages) {
                calls.run(point(), "CreateDeployment", () -> client.createDeployment(r -> r.restApiId(apiId)
                        .stageName(stage).description(DESCRIPTION_PREFIX + fingerprint)));
                calls.mutated(point(), "CreateDeployment", "stage " + stage);
            }
            deploymentOwed = false;
        }
        return result.included();
    }

    /**
     * Whether a stage's current deployment may not hold the policy as it is: it is Periscope's with another
     * fingerprint, or it is someone else's (or missing) while Periscope's statement is not empty (a deployment made
     * by someone else after the update would hold it, but nothing tells, so one deployment too many is the safe side).
     */
    private boolean stagesBehind(String fingerprint, boolean statementPresent)
            throws PointUnavailableException, InterruptedException {
        for (String stage : stages) {
            String description = calls.run(point(), "GetStage+GetDeployment", () -> {
                String deploymentId;
                try {
                    deploymentId = client.getStage(r -> r.restApiId(apiId).stageName(stage)).deploymentId();
                } catch (NotFoundException e) {
                    return null; // the stage does not exist yet: the deployment creates it
                }
                if (deploymentId == null) {
                    return null;
                }
                return client.getDeployment(r -> r.restApiId(apiId).deploymentId(deploymentId)).description();
            });
            boolean ours = description != null && description.startsWith(DESCRIPTION_PREFIX);
            if (ours ? !description.equals(DESCRIPTION_PREFIX + fingerprint) : statementPresent) {
                return true;
            }
        }
        return false;
    }

    /** The first 16 hex digits of SHA-256 over the sorted addresses: which block list a deployment holds. */
    static String fingerprint(List<String> addresses) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(String.join(",", new TreeSet<>(addresses)).getBytes(StandardCharsets.UTF_8));
            return "sha256:" + HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
