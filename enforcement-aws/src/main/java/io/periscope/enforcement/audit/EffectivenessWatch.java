package io.periscope.enforcement.audit;

import io.periscope.enforcement.block.BlockBook;
import io.periscope.enforcement.finding.FindingLog;
import io.periscope.enforcement.safety.BlockSafety;
import io.periscope.events.enforcement.AuditAction;
import io.periscope.events.enforcement.BlockKind;
import io.periscope.events.enforcement.BlockRecord;
import io.periscope.events.http.HttpExchange;
import io.periscope.events.time.EpochMicros;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Proof that a block works: an exchange mirrored after a block's propagation window whose resolved client address is
 * the blocked address reached the application, so the block is not effective (web ACL not associated with the
 * resource, the rule's forwarded-IP header wrong, the deployment missing). Reported once per block and window as an
 * audit entry {@link AuditAction#BLOCK_NOT_EFFECTIVE}, counted ({@code periscope.enforcement.block.not.effective}), and
 * raised once per block as an enforcement finding, which the alerting stage sends as "block not effective".
 *
 * <p>Only single-address blocks are matched (a map lookup per exchange; the hot path does no scan).
 */
public final class EffectivenessWatch {
    private final BlockBook book;
    private final AuditLog audit;
    private final FindingLog findings;
    private final InstantSource clock;
    private final MeterRegistry meters;
    private final long windowMicros;
    private final Map<String, Long> reported = new ConcurrentHashMap<>();

    public EffectivenessWatch(BlockBook book, AuditLog audit, FindingLog findings, Duration propagationWindow,
                              InstantSource clock, MeterRegistry meters) {
        this.findings = findings;
        this.book = book;
        this.audit = audit;
        this.clock = clock;
        this.meters = meters;
        this.windowMicros = propagationWindow.toNanos() / 1_000;
    }

    /** Looks at one mirrored exchange. */
    public void accept(HttpExchange exchange) {
        if (exchange.clientIp() == null || exchange.request() == null) {
            return;
        }
        String cidr = BlockSafety.canonicalCidr(exchange.clientIp());
        if (cidr == null) {
            return;
        }
        Optional<BlockRecord> block = book.get(BlockKind.IP, cidr);
        if (block.isEmpty() || block.get().appliedAtMicros() == 0) {
            return;
        }
        BlockRecord b = block.get();
        long now = EpochMicros.now(clock);
        long seenAt = exchange.timings().requestStartMicros();
        if (!b.wantedAt(now) || seenAt < b.appliedAtMicros() + windowMicros) {
            return;
        }
        Long last = reported.get(b.id());
        if (last != null && now - last < windowMicros) {
            return;
        }
        reported.put(b.id(), now);
        meters.counter("periscope.enforcement.block.not.effective").increment();
        String detail = "traffic from the blocked address still reaches " + exchange.serverHost()
                + " after the propagation window: check the web ACL association and its forwarded-IP header";
        audit.record(AuditAction.BLOCK_NOT_EFFECTIVE, b.target(), b.id(), b.incidentId(), "reconciler", null, "alert",
                detail);
        findings.blockNotEffective(b.target(), b.id(), b.incidentId(), detail);
    }
}
