package io.periscope.mirror.config;

import java.time.Duration;

/**
 * Warming the packet path before the receiver reports ready (see {@link io.periscope.mirror.warmup.WarmUp}).
 *
 * @param enabled     key {@code warmup.enabled}
 * @param packets     synthetic packets to push through the pipeline (key {@code warmup.packets})
 * @param maxDuration the warm-up stops after this long even if it has not sent them all, so a starved
 *                    machine still starts (key {@code warmup.max-duration})
 */
public record WarmUpConfig(boolean enabled, long packets, Duration maxDuration) {

    public WarmUpConfig {
        if (packets < 0 || packets > 100_000_000L) {
            throw new ConfigException(Checks.PREFIX + "warmup.packets", packets, "must be between 0 and 100000000");
        }
        if (maxDuration == null || maxDuration.isNegative() || maxDuration.compareTo(Duration.ofMinutes(10)) > 0) {
            throw new ConfigException(Checks.PREFIX + "warmup.max-duration", maxDuration, "must be between 0s and 10m");
        }
    }

    /**
     * 300,000 packets: about twenty passes over the synthetic capture, enough for the JIT to compile the
     * decoder, the reassembly and the HTTP parser at its top tier (measured: see docs/mirror-receiver.md).
     */
    public static WarmUpConfig defaults() {
        return new WarmUpConfig(true, 300_000, Duration.ofSeconds(30));
    }

    public static WarmUpConfig disabled() {
        return new WarmUpConfig(false, 0, Duration.ZERO);
    }
}
