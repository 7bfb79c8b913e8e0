package io.periscope.mirror.config;

import java.time.Duration;

/**
 * Capture from a network interface through libpcap (SPAN port, Linux vxlan device).
 *
 * @param interfaceName key {@code live.interface}
 * @param bpfFilter     libpcap filter expression, empty for none (key {@code live.filter})
 * @param snapLength    bytes captured per packet (key {@code live.snap-length})
 * @param promiscuous   key {@code live.promiscuous}
 * @param readTimeout   how long libpcap may hold packets before handing them over (key {@code live.read-timeout})
 */
public record LiveCaptureConfig(String interfaceName, String bpfFilter, int snapLength, boolean promiscuous, Duration readTimeout) {

    public LiveCaptureConfig {
        Checks.notBlank("live.interface", interfaceName);
        bpfFilter = bpfFilter == null ? "" : bpfFilter.strip();
        Checks.range("live.snap-length", snapLength, 64, 262144);
        Checks.notNull("live.read-timeout", readTimeout);
        if (readTimeout.isNegative() || readTimeout.toMillis() > 10_000) {
            throw new ConfigException(Checks.PREFIX + "live.read-timeout", readTimeout, "must be between 0 and 10s");
        }
    }

    public static LiveCaptureConfig forInterface(String interfaceName) {
        return new LiveCaptureConfig(interfaceName, "", 65535, true, Duration.ofMillis(10));
    }
}
