package io.periscope.mirror.replay;

import java.util.Map;

/**
 * Result of a replay: {@code packetsRead == packetsSent + sum(skippedByReason)}.
 *
 * @param packetsRead     packets in the capture
 * @param packetsSent     datagrams sent (UDP mode) or packets fed to the pipeline (embedded mode)
 * @param bytesSent       bytes of those datagrams or packets
 * @param elapsedNanos    wall time of the replay
 * @param skippedByReason packets not sent, by reason
 */
public record ReplaySummary(long packetsRead, long packetsSent, long bytesSent, long elapsedNanos, Map<String, Long> skippedByReason) {

    public ReplaySummary {
        skippedByReason = Map.copyOf(skippedByReason);
    }

    public double packetsPerSecond() {
        return elapsedNanos == 0 ? 0 : packetsSent * 1e9 / elapsedNanos;
    }

    /** Human-readable multi-line summary, as printed at the end of {@code periscope replay}. */
    public String describe() {
        StringBuilder s = new StringBuilder();
        s.append(String.format("packets read  %,d%n", packetsRead));
        s.append(String.format("packets sent  %,d (%s)%n", packetsSent, humanBytes(bytesSent)));
        s.append(String.format("elapsed       %.3f s%n", elapsedNanos / 1e9));
        s.append(String.format("rate          %,.0f pkt/s, %.1f Mbit/s%n", packetsPerSecond(),
                elapsedNanos == 0 ? 0 : bytesSent * 8e3 / elapsedNanos));
        if (skippedByReason.isEmpty()) {
            s.append("skipped       0").append(System.lineSeparator());
        } else {
            skippedByReason.forEach((reason, count) -> s.append(String.format("skipped       %,d %s%n", count, reason)));
        }
        return s.toString();
    }

    public static String humanBytes(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        if (bytes < 1 << 20) {
            return String.format("%.1f KiB", bytes / 1024.0);
        }
        if (bytes < 1L << 30) {
            return String.format("%.1f MiB", bytes / (double) (1 << 20));
        }
        return String.format("%.2f GiB", bytes / (double) (1L << 30));
    }
}
