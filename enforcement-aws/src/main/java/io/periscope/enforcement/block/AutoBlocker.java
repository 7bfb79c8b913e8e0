package io.periscope.enforcement.block;

import io.periscope.enforcement.audit.AuditLog;
import io.periscope.enforcement.finding.FindingLog;
import io.periscope.enforcement.policy.BlockPolicy;
import io.periscope.enforcement.policy.EnforcementMode;
import io.periscope.enforcement.safety.BlockSafety;
import io.periscope.enforcement.safety.SafetyCheck;
import io.periscope.events.detection.ActorAddress;
import io.periscope.events.detection.Incident;
import io.periscope.events.detection.IncidentStatus;
import io.periscope.events.detection.Verdict;
import io.periscope.events.enforcement.AuditAction;
import io.periscope.events.enforcement.BlockKind;
import io.periscope.events.enforcement.BlockRecord;
import io.periscope.events.enforcement.BlockState;
import io.periscope.events.time.EpochMicros;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Turns incidents into block records. For an incident the policy selects (verdict BLOCK, open, actor not trusted, a
 * listed type, confidence and severity at least the minimum), each actor address goes through {@link BlockSafety},
 * then through the caps, and becomes a PENDING record (enforce) or a DRY_RUN record (dry-run). Credentials of the actor
 * that map to an API Gateway key id ({@code apiKeys}) become API_KEY blocks the same way.
 *
 * <p>Every decision is audited, except "already blocked", which a re-published incident version produces all the
 * time; it is counted instead. Records are written before anything is sent to AWS: the reconciler works from them.
 */
public final class AutoBlocker {
    private static final long HOUR_MICROS = Duration.ofHours(1).toNanos() / 1_000;

    private final BlockPolicy policy;
    private final BlockSafety safety;
    private final BlockBook book;
    private final AuditLog audit;
    private final FindingLog findings;
    private final Map<String, String> apiKeys;
    private final InstantSource clock;
    private final MeterRegistry meters;

    /** @param apiKeys credential fingerprint → API Gateway key id (empty: API keys are never disabled) */
    public AutoBlocker(BlockPolicy policy, BlockSafety safety, BlockBook book, AuditLog audit, FindingLog findings,
                       Map<String, String> apiKeys, InstantSource clock, MeterRegistry meters) {
        this.findings = findings;
        this.policy = policy;
        this.safety = safety;
        this.book = book;
        this.audit = audit;
        this.apiKeys = Map.copyOf(apiKeys);
        this.clock = clock;
        this.meters = meters;
    }

    /** Decides every block one incident version calls for; returns one outcome per candidate. */
    public List<BlockOutcome> accept(Incident incident) {
        if (policy.mode() == EnforcementMode.OFF) {
            return List.of();
        }
        Optional<String> notByPolicy = policyRefusal(incident);
        if (notByPolicy.isPresent()) {
            // only incidents that asked for a block are worth an audit line; MONITOR and BENIGN are counted
            if (incident.verdict() == Verdict.BLOCK) {
                audit.record(AuditAction.POLICY_SKIPPED, incident.actor().id(), null, incident.id(), BlockRecord.DETECTION,
                        null, "skipped", notByPolicy.get());
            }
            return List.of(count(BlockOutcome.NOT_BY_POLICY));
        }
        List<BlockOutcome> outcomes = new ArrayList<>();
        List<ActorAddress> addresses = incident.actor().addresses();
        for (int i = 0; i < addresses.size() && i < policy.maxAddressesPerIncident(); i++) {
            outcomes.add(blockAddress(incident, addresses.get(i)));
        }
        for (String credential : incident.actor().credentials()) {
            String keyId = apiKeys.get(credential);
            if (keyId != null) {
                outcomes.add(decide(incident, BlockKind.API_KEY, keyId));
            }
        }
        return outcomes;
    }

    private Optional<String> policyRefusal(Incident incident) {
        if (incident.verdict() != Verdict.BLOCK) {
            return Optional.of("verdict " + incident.verdict());
        }
        if (incident.status() != IncidentStatus.OPEN) {
            return Optional.of("incident " + incident.status());
        }
        if (incident.actor().trusted()) {
            return Optional.of("actor marked trusted");
        }
        if (!policy.attackTypes().isEmpty() && incident.types().stream().noneMatch(policy.attackTypes()::contains)) {
            return Optional.of("types " + incident.types() + " do not block automatically");
        }
        if (incident.confidence() < policy.minConfidence()) {
            return Optional.of("confidence " + incident.confidence() + " below " + policy.minConfidence());
        }
        if (!incident.severity().atLeast(policy.minSeverity())) {
            return Optional.of("severity " + incident.severity() + " below " + policy.minSeverity());
        }
        return Optional.empty();
    }

    private BlockOutcome blockAddress(Incident incident, ActorAddress address) {
        SafetyCheck check = safety.checkActorAddress(address);
        if (!check.allowed()) {
            String target = address == null || address.ip() == null ? "?" : address.ip();
            String canonical = BlockSafety.canonicalCidr(target);
            String why = check.refusal().name() + ": " + check.refusal().description();
            audit.record(AuditAction.BLOCK_REFUSED, canonical == null ? target : canonical, null, incident.id(),
                    BlockRecord.DETECTION, null, "refused", why);
            meters.counter("periscope.enforcement.refusals", "reason", check.refusal().name()).increment();
            if (canonical != null) {
                recordRefusal(incident, canonical, why);
            }
            return count(BlockOutcome.REFUSED);
        }
        return decide(incident, BlockKind.IP, check.cidr());
    }

    /** A refusal is recorded only where no block is in force, so the UI can say why an address was not blocked. */
    private void recordRefusal(Incident incident, String cidr, String why) {
        long now = EpochMicros.now(clock);
        Optional<BlockRecord> previous = book.get(BlockKind.IP, cidr);
        if (previous.isPresent() && (previous.get().state().wanted() || !previous.get().appliedTo().isEmpty())) {
            return;
        }
        int offences = previous.map(BlockRecord::offences).orElse(0);
        book.put(new BlockRecord(BlockRecord.SCHEMA_VERSION, UUID.randomUUID().toString(), BlockKind.IP, cidr,
                incident.verdictReason(), incident.id(), BlockRecord.DETECTION, now, now, BlockState.REFUSED, why,
                offences, previous.map(BlockRecord::appliedTo).orElse(List.of()), 0, now));
    }

    private BlockOutcome decide(Incident incident, BlockKind kind, String target) {
        long now = EpochMicros.now(clock);
        Optional<BlockRecord> previous = book.get(kind, target);
        if (previous.isPresent() && !previous.get().expiredAt(now)
                && (previous.get().state().wanted() || previous.get().state() == BlockState.DRY_RUN)) {
            return count(BlockOutcome.ALREADY_BLOCKED);
        }
        Optional<Cap> cap = capReached(now);
        if (cap.isPresent()) {
            audit.record(AuditAction.CAP_REACHED, target, null, incident.id(), BlockRecord.DETECTION, null, "alert",
                    cap.get().reason() + "; auto-blocking stopped, not blocked");
            // "stops auto-blocking and alerts instead": the alerting stage turns this into one alert per cap and hour
            findings.capReached(cap.get().name(), target, incident.id(), cap.get().reason()
                    + "; auto-blocking stopped, " + target + " (incident " + incident.id() + ") not blocked");
            return count(BlockOutcome.CAPPED);
        }
        int earlier = previous.filter(p -> p.state() != BlockState.REFUSED).map(BlockRecord::offences).orElse(0);
        Duration ttl = policy.ttl(incident.severity(), earlier);
        boolean dryRun = policy.mode() == EnforcementMode.DRY_RUN;
        String reason = String.join(",", incident.types()) + " " + incident.severity() + ": " + incident.verdictReason();
        BlockRecord record = new BlockRecord(BlockRecord.SCHEMA_VERSION, UUID.randomUUID().toString(), kind, target,
                reason, incident.id(), BlockRecord.DETECTION, now, now + ttl.toNanos() / 1_000,
                dryRun ? BlockState.DRY_RUN : BlockState.PENDING, null, earlier + 1,
                // what an earlier block of this target left in AWS is still Periscope's to remove
                previous.map(BlockRecord::appliedTo).orElse(List.of()), 0, now);
        book.put(record);
        audit.record(AuditAction.BLOCK_DECIDED, target, record.id(), incident.id(), BlockRecord.DETECTION, null,
                dryRun ? "dry-run" : "recorded", "block for " + ttl + " (offence " + record.offences() + ")");
        return count(dryRun ? BlockOutcome.DRY_RUN : BlockOutcome.BLOCKED);
    }

    /** A cap that bites: its name ({@code per-hour}, {@code total}, the metric tag) and why. */
    private record Cap(String name, String reason) {
    }

    private Optional<Cap> capReached(long now) {
        long lastHour = book.automaticSince(now - HOUR_MICROS);
        if (lastHour >= policy.maxNewPerHour()) {
            meters.counter("periscope.enforcement.cap.reached", "cap", "per-hour").increment();
            return Optional.of(new Cap("per-hour", "cap of " + policy.maxNewPerHour() + " automatic blocks per hour reached"));
        }
        long inForce = book.inForce(now);
        if (inForce >= policy.maxActive()) {
            meters.counter("periscope.enforcement.cap.reached", "cap", "total").increment();
            return Optional.of(new Cap("total", "cap of " + policy.maxActive() + " blocks in force reached"));
        }
        return Optional.empty();
    }

    private BlockOutcome count(BlockOutcome outcome) {
        meters.counter("periscope.enforcement.decisions", "outcome", outcome.name()).increment();
        return outcome;
    }
}
