package io.periscope.enforcement.policy;

import io.periscope.events.detection.Severity;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * Which incidents block automatically, for how long, and how many blocks at most.
 *
 * <p>TTL: the ladder is indexed by a base per severity (LOW and MEDIUM 0, HIGH 1, CRITICAL 2) plus one step per earlier
 * block of the same target (repeat offenders climb), capped at the last step. With the default ladder a first HIGH
 * incident blocks for 6 h, a second for 24 h, a third and later for 7 d.
 *
 * @param mode              off, dry-run or enforce
 * @param attackTypes       incident types that block automatically (an incident blocks when any of its types is listed;
 *                          empty: every type)
 * @param minConfidence     the lowest incident confidence that blocks (0..1)
 * @param minSeverity       the lowest incident severity that blocks
 * @param ttlLadder         block durations, shortest first (at least one)
 * @param maxNewPerHour     automatic blocks at most per rolling hour; beyond it auto-blocking stops and alerts
 * @param maxActive         automatic and manual blocks in force at most; kept below the WAF IP-set limit (10,000)
 * @param maxAddressesPerIncident addresses of one actor considered at most (the actor list is bounded by detection too)
 */
public record BlockPolicy(EnforcementMode mode, Set<String> attackTypes, double minConfidence, Severity minSeverity,
                          List<Duration> ttlLadder, int maxNewPerHour, int maxActive, int maxAddressesPerIncident) {

    /** The WAF limit of addresses in one IP set. */
    public static final int WAF_IP_SET_LIMIT = 10_000;

    public BlockPolicy {
        attackTypes = Set.copyOf(attackTypes);
        ttlLadder = List.copyOf(ttlLadder);
        if (ttlLadder.isEmpty() || ttlLadder.stream().anyMatch(d -> d.isNegative() || d.isZero())) {
            throw new IllegalArgumentException("ttlLadder needs at least one positive duration");
        }
        if (minConfidence < 0 || minConfidence > 1) {
            throw new IllegalArgumentException("minConfidence must be 0..1, got " + minConfidence);
        }
        if (maxActive < 1 || maxActive >= WAF_IP_SET_LIMIT) {
            throw new IllegalArgumentException("maxActive must be 1.." + (WAF_IP_SET_LIMIT - 1) + ", got " + maxActive);
        }
        if (maxNewPerHour < 0 || maxAddressesPerIncident < 1) {
            throw new IllegalArgumentException("maxNewPerHour must be >= 0 and maxAddressesPerIncident >= 1");
        }
    }

    /** The defaults of {@code periscope.enforcement.*}. */
    public static BlockPolicy defaults() {
        return new BlockPolicy(EnforcementMode.DRY_RUN, Set.of(), 0.8, Severity.HIGH,
                List.of(Duration.ofHours(1), Duration.ofHours(6), Duration.ofHours(24), Duration.ofDays(7)),
                100, 5_000, 16);
    }

    public BlockPolicy withMode(EnforcementMode newMode) {
        return new BlockPolicy(newMode, attackTypes, minConfidence, minSeverity, ttlLadder, maxNewPerHour, maxActive,
                maxAddressesPerIncident);
    }

    public BlockPolicy withCaps(int perHour, int active) {
        return new BlockPolicy(mode, attackTypes, minConfidence, minSeverity, ttlLadder, perHour, active,
                maxAddressesPerIncident);
    }

    /** How long a block lasts for an incident of {@code severity} when the target had {@code earlierBlocks} before. */
    public Duration ttl(Severity severity, int earlierBlocks) {
        int base = switch (severity) {
            case LOW, MEDIUM -> 0;
            case HIGH -> 1;
            case CRITICAL -> 2;
        };
        long step = Math.min((long) base + Math.max(0, earlierBlocks), ttlLadder.size() - 1L);
        return ttlLadder.get((int) step);
    }
}
