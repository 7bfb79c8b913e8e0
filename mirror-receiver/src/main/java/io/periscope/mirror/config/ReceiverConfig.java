package io.periscope.mirror.config;

/**
 * Every option of the mirror receiver, grouped by concern. Keys are relative to {@code periscope.mirror.};
 * each record validates its values on construction and names the offending key.
 *
 * @param live   live capture from an interface (keys {@code live.*}); null when not configured
 * @param warmUp warming the packet path before the receiver reports ready (keys {@code warmup.*})
 */
public record ReceiverConfig(UdpConfig udp, HealthCheckConfig health, DecoderConfig decoder, SessionConfig sessions,
                             DedupConfig dedup, DispatchConfig dispatch, LiveCaptureConfig live, WarmUpConfig warmUp) {

    public ReceiverConfig {
        Checks.notNull("udp", udp);
        Checks.notNull("health", health);
        Checks.notNull("decoder", decoder);
        Checks.notNull("sessions", sessions);
        Checks.notNull("dedup", dedup);
        Checks.notNull("dispatch", dispatch);
        Checks.notNull("warmup", warmUp);
    }

    /** Without warm-up settings: the defaults apply. */
    public ReceiverConfig(UdpConfig udp, HealthCheckConfig health, DecoderConfig decoder, SessionConfig sessions,
                          DedupConfig dedup, DispatchConfig dispatch, LiveCaptureConfig live) {
        this(udp, health, decoder, sessions, dedup, dispatch, live, WarmUpConfig.defaults());
    }

    public static ReceiverConfig defaults() {
        return new ReceiverConfig(UdpConfig.defaults(), HealthCheckConfig.defaults(), DecoderConfig.defaults(),
                SessionConfig.defaults(), DedupConfig.defaults(), DispatchConfig.defaults(), null);
    }

    public ReceiverConfig withUdp(UdpConfig value) {
        return new ReceiverConfig(value, health, decoder, sessions, dedup, dispatch, live, warmUp);
    }

    public ReceiverConfig withHealth(HealthCheckConfig value) {
        return new ReceiverConfig(udp, value, decoder, sessions, dedup, dispatch, live, warmUp);
    }

    public ReceiverConfig withDispatch(DispatchConfig value) {
        return new ReceiverConfig(udp, health, decoder, sessions, dedup, value, live, warmUp);
    }

    public ReceiverConfig withWarmUp(WarmUpConfig value) {
        return new ReceiverConfig(udp, health, decoder, sessions, dedup, dispatch, live, value);
    }
}
