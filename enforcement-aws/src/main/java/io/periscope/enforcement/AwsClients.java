package io.periscope.enforcement;

import java.net.URI;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.builder.SdkSyncClientBuilder;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.apigateway.ApiGatewayClient;
import software.amazon.awssdk.services.wafv2.Wafv2Client;

/**
 * Builds the AWS clients: region and credentials from the default provider chain (instance profile, environment,
 * profile), an endpoint override for tests and VPC endpoints, the Apache HTTP client (API Gateway updates use PATCH,
 * which the JDK's URLConnection cannot send), and no SDK retries: enforcement retries itself
 * ({@link io.periscope.enforcement.reconcile.AwsCalls}), so a lock conflict re-reads before it writes again.
 */
public final class AwsClients {
    private final String region;
    private final URI wafEndpoint;
    private final URI apiGatewayEndpoint;

    public AwsClients(String region, URI wafEndpoint, URI apiGatewayEndpoint) {
        this.region = region;
        this.wafEndpoint = wafEndpoint;
        this.apiGatewayEndpoint = apiGatewayEndpoint;
    }

    /** @param credentials null: the default provider chain */
    public Wafv2Client waf(AwsCredentialsProvider credentials) {
        return configure(Wafv2Client.builder(), wafEndpoint, credentials).build();
    }

    public ApiGatewayClient apiGateway(AwsCredentialsProvider credentials) {
        return configure(ApiGatewayClient.builder(), apiGatewayEndpoint, credentials).build();
    }

    private <B extends AwsClientBuilder<B, ?> & SdkSyncClientBuilder<B, ?>> B configure(
            B builder, URI endpoint, AwsCredentialsProvider credentials) {
        builder.httpClientBuilder(ApacheHttpClient.builder());
        builder.overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()));
        if (region != null) {
            builder.region(Region.of(region));
        }
        if (endpoint != null) {
            builder.endpointOverride(endpoint);
        }
        if (credentials != null) {
            builder.credentialsProvider(credentials);
        }
        return builder;
    }
}
