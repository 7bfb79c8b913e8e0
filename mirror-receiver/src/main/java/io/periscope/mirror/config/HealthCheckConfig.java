package io.periscope.mirror.config;

/**
 * TCP listener for Network Load Balancer target-group health checks (NLBs never health-check over UDP).
 *
 * @param enabled     key {@code health.enabled}
 * @param bindAddress key {@code health.bind-address}
 * @param port        key {@code health.port}; 0 picks a free port (tests)
 */
public record HealthCheckConfig(boolean enabled, String bindAddress, int port) {

    public HealthCheckConfig {
        Checks.notBlank("health.bind-address", bindAddress);
        Checks.port("health.port", port, true);
    }

    public static HealthCheckConfig defaults() {
        return new HealthCheckConfig(true, "0.0.0.0", DecoderConfig.VXLAN_PORT);
    }
}
