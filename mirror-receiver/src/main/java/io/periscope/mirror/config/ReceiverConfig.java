package io.periscope.mirror.config;

/**
 * Every option of the mirror receiver, grouped by concern. Keys are relative to {@code periscope.mirror.};
 * each record validates its values on construction and names the offending key.
 *
 * @param live live capture from an interface (keys {@code live.*}); null when not configured
 */
public record ReceiverConfig(UdpConfig udp, HealthCheckConfig health, DecoderConfig decoder, SessionConfig sessions,
                             DedupConfig dedup, DispatchConfig dispatch, LiveCaptureConfig live) {

    public ReceiverConfig {
        Checks.notNull("udp", udp);
        Checks.notNull("health", health);
        Checks.notNull("decoder", decoder);
        Checks.notNull("sessions", sessions);
        Checks.notNull("dedup", dedup);
        Checks.notNull("dispatch", dispatch);
    }

    public static ReceiverConfig defaults() {
        return new ReceiverConfig(UdpConfig.defaults(), HealthCheckConfig.defaults(), DecoderConfig.defaults(),
                SessionConfig.defaults(), DedupConfig.defaults(), DispatchConfig.defaults(), null);
    }

    public ReceiverConfig withUdp(UdpConfig value) {
        return new ReceiverConfig(value, health, decoder, sessions, dedup, dispatch, live);
    }

    public ReceiverConfig withHealth(HealthCheckConfig value) {
        return new ReceiverConfig(udp, value, decoder, sessions, dedup, dispatch, live);
    }

    public ReceiverConfig withDispatch(DispatchConfig value) {
        return new ReceiverConfig(udp, health, decoder, sessions, dedup, value, live);
    }
}
