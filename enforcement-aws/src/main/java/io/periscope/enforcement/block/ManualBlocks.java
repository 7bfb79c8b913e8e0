package io.periscope.enforcement.block;

import io.periscope.enforcement.audit.AuditLog;
import io.periscope.enforcement.policy.BlockPolicy;
import io.periscope.enforcement.policy.EnforcementMode;
import io.periscope.enforcement.safety.BlockSafety;
import io.periscope.enforcement.safety.SafetyCheck;
import io.periscope.events.enforcement.AuditAction;
import io.periscope.events.enforcement.BlockKind;
import io.periscope.events.enforcement.BlockRecord;
import io.periscope.events.enforcement.BlockState;
import io.periscope.events.time.EpochMicros;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Blocks and unblocks by an admin, with a reason. A manual block passes the same {@link BlockSafety} checks as an
 * automatic one (an admin cannot block a load balancer either) and the total cap, not the hourly one. An unblock marks
 * the record REMOVED; the reconciler then takes the target out of AWS as reliably as it put it in.
 */
public final class ManualBlocks {
    private final BlockPolicy policy;
    private final BlockSafety safety;
    private final BlockBook book;
    private final AuditLog audit;
    private final InstantSource clock;

    public ManualBlocks(BlockPolicy policy, BlockSafety safety, BlockBook book, AuditLog audit, InstantSource clock) {
        this.policy = policy;
        this.safety = safety;
        this.book = book;
        this.audit = audit;
        this.clock = clock;
    }

    /** Result of a manual block: the record, or why not. */
    public record Result(BlockRecord record, String refusal) {
        public boolean blocked() {
            return record != null;
        }
    }

    /**
     * @param ttl how long; null for a block that lasts until unblocked
     */
    public Result block(String target, String reason, String admin, Duration ttl) {
        String by = "admin:" + admin;
        SafetyCheck check = safety.checkTarget(target);
        if (!check.allowed()) {
            String why = check.refusal().name() + ": " + check.refusal().description();
            audit.record(AuditAction.BLOCK_REFUSED, target, null, null, by, null, "refused", why);
            return new Result(null, why);
        }
        long now = EpochMicros.now(clock);
        Optional<BlockRecord> previous = book.get(BlockKind.IP, check.cidr());
        if (previous.isPresent() && previous.get().wantedAt(now)) {
            return new Result(previous.get(), null);
        }
        if (book.inForce(now) >= policy.maxActive()) {
            String why = "cap of " + policy.maxActive() + " blocks in force reached";
            audit.record(AuditAction.CAP_REACHED, check.cidr(), null, null, by, null, "refused", why);
            return new Result(null, why);
        }
        boolean dryRun = policy.mode() != EnforcementMode.ENFORCE;
        long expires = ttl == null ? Long.MAX_VALUE : now + ttl.toNanos() / 1_000;
        BlockRecord record = new BlockRecord(BlockRecord.SCHEMA_VERSION, UUID.randomUUID().toString(), BlockKind.IP,
                check.cidr(), reason, null, by, now, expires, dryRun ? BlockState.DRY_RUN : BlockState.PENDING, null,
                previous.map(p -> p.offences() + 1).orElse(1),
                previous.map(BlockRecord::appliedTo).orElse(List.of()), 0, now);
        book.put(record);
        audit.record(AuditAction.BLOCK_DECIDED, record.target(), record.id(), null, by, null,
                dryRun ? "dry-run" : "recorded", reason);
        return new Result(record, null);
    }

    /** Marks a block REMOVED; empty when there is no such block. */
    public Optional<BlockRecord> unblock(String id, String reason, String admin) {
        Optional<BlockRecord> found = book.byId(id);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        BlockRecord removed = found.get().withState(BlockState.REMOVED, "unblocked by " + admin + ": " + reason,
                EpochMicros.now(clock));
        book.put(removed);
        audit.record(AuditAction.UNBLOCKED, removed.target(), removed.id(), removed.incidentId(), "admin:" + admin, null,
                "recorded", reason);
        return Optional.of(removed);
    }
}
