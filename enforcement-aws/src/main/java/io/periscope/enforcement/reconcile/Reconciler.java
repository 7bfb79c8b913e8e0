package io.periscope.enforcement.reconcile;

import io.periscope.enforcement.apigateway.ApiKeySwitch;
import io.periscope.enforcement.apigateway.RestApiPolicyWriter;
import io.periscope.enforcement.audit.AuditLog;
import io.periscope.enforcement.block.BlockBook;
import io.periscope.enforcement.waf.IpSetChange;
import io.periscope.enforcement.waf.IpSetMerge;
import io.periscope.enforcement.waf.WafIpSetWriter;
import io.periscope.events.enforcement.AuditAction;
import io.periscope.events.enforcement.BlockKind;
import io.periscope.events.enforcement.BlockRecord;
import io.periscope.events.enforcement.BlockState;
import io.periscope.events.time.EpochMicros;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Converges AWS onto the block records, one round at a time, on one thread. The desired state is computed from the
 * records alone (blocks PENDING or ACTIVE and not expired), never from memory, so a restart, an outage or a lost round
 * changes nothing: the next round converges again. Blocks and unblocks are the same operation (a merge), so an unblock
 * or an expiry is applied exactly as reliably as a block.
 *
 * <p>After the AWS calls, what changed is reported back into the records as a delta on the latest record of each key
 * ({@link BlockBook#update}): enforcement points added to or removed from {@code appliedTo}, PENDING → ACTIVE once an
 * enforcement point holds the target, and → EXPIRED once an expired block is out of every point it was in.
 *
 * <p>Invariants after a successful round: every wanted IP target is in the IP set of its family and (within the size
 * limit) in every configured resource policy; no target Periscope wrote and no longer wants is in any of them; no
 * entry someone else wrote was touched.
 */
public final class Reconciler {
    private static final Logger LOG = LoggerFactory.getLogger(Reconciler.class);

    private final BlockBook book;
    private final List<WafIpSetWriter> ipSets;
    private final List<RestApiPolicyWriter> policies;
    private final ApiKeySwitch apiKeys;
    private final AuditLog audit;
    private final InstantSource clock;
    private final AtomicLong desired = new AtomicLong();
    private final AtomicLong applied = new AtomicLong();
    private final AtomicLong lagSeconds = new AtomicLong();
    private final Map<String, Integer> lastFallback = new HashMap<>();

    /** @param apiKeys null when API keys are not managed */
    public Reconciler(BlockBook book, List<WafIpSetWriter> ipSets, List<RestApiPolicyWriter> policies,
                      ApiKeySwitch apiKeys, AuditLog audit, InstantSource clock, MeterRegistry meters) {
        this.book = book;
        this.ipSets = List.copyOf(ipSets);
        this.policies = List.copyOf(policies);
        this.apiKeys = apiKeys;
        this.audit = audit;
        this.clock = clock;
        Gauge.builder("periscope.enforcement.blocks.desired", desired, AtomicLong::get).register(meters);
        Gauge.builder("periscope.enforcement.blocks.applied", applied, AtomicLong::get).register(meters);
        Gauge.builder("periscope.enforcement.reconcile.lag.seconds", lagSeconds, AtomicLong::get).register(meters);
    }

    /** The points changes of one round, per record key. */
    private static final class Delta {
        final Set<String> added = new HashSet<>();
        final Set<String> removed = new HashSet<>();
    }

    /** One round; returns whether every enforcement point was reachable. */
    public boolean round() throws InterruptedException {
        long now = EpochMicros.now(clock);
        List<BlockRecord> records = List.copyOf(book.all());
        Map<String, Delta> deltas = new HashMap<>();
        boolean complete = true;
        for (WafIpSetWriter writer : ipSets) {
            complete &= reconcileIpSet(writer, records, now, deltas);
        }
        List<BlockRecord> wantedIps = records.stream()
                .filter(r -> r.kind() == BlockKind.IP && r.wantedAt(now))
                .sorted(Comparator.comparingLong(BlockRecord::createdAtMicros).reversed()).toList();
        for (RestApiPolicyWriter policy : policies) {
            complete &= reconcilePolicy(policy, records, wantedIps, now, deltas);
        }
        if (apiKeys != null) {
            complete &= reconcileApiKeys(records, now, deltas);
        }
        for (BlockRecord record : records) {
            Delta delta = deltas.getOrDefault(record.key(), new Delta());
            book.update(record.key(), current -> settle(current, delta, now));
        }
        updateGauges(now);
        return complete;
    }

    private boolean reconcileIpSet(WafIpSetWriter writer, List<BlockRecord> records, long now, Map<String, Delta> deltas)
            throws InterruptedException {
        String point = writer.settings().point();
        List<BlockRecord> mine = records.stream()
                .filter(r -> r.kind() == BlockKind.IP && writer.settings().holds(r.target())).toList();
        Set<String> wanted = new HashSet<>();
        Set<String> owned = new HashSet<>();
        for (BlockRecord r : mine) {
            if (r.wantedAt(now)) {
                wanted.add(r.target());
            }
            if (r.appliedTo().contains(point)) {
                owned.add(r.target());
            }
        }
        IpSetChange change;
        try {
            change = writer.converge(new IpSetMerge(wanted, owned));
        } catch (PointUnavailableException e) {
            LOG.warn("WAF IP set {} not reconciled this round: {}", writer.settings().name(), e.code());
            return false;
        }
        for (BlockRecord r : mine) {
            Delta delta = deltas.computeIfAbsent(r.key(), k -> new Delta());
            if (wanted.contains(r.target())) {
                // ours if we added it now or owned it before; an address someone else had put there stays theirs
                if (r.appliedTo().contains(point) || !change.before().contains(r.target())) {
                    delta.added.add(point);
                }
            } else if (r.appliedTo().contains(point) && !change.after().contains(r.target())) {
                delta.removed.add(point);
            }
        }
        return true;
    }

    private boolean reconcilePolicy(RestApiPolicyWriter policy, List<BlockRecord> records, List<BlockRecord> wantedIps,
                                    long now, Map<String, Delta> deltas) throws InterruptedException {
        List<String> included;
        try {
            included = policy.converge(wantedIps.stream().map(BlockRecord::target).toList());
        } catch (PointUnavailableException e) {
            LOG.warn("resource policy {} not reconciled this round: {}", policy.point(), e.code());
            return false;
        } catch (IllegalArgumentException e) {
            audit.awsCall(policy.point(), "GetRestApi", "UnreadablePolicy", e.getMessage() + "; policy left unchanged");
            return false;
        }
        int left = wantedIps.size() - included.size();
        if (left > 0 && lastFallback.getOrDefault(policy.point(), 0) != left) {
            audit.record(AuditAction.POLICY_SIZE_FALLBACK, policy.point(), null, null, "reconciler", "UpdateRestApi",
                    "fallback", left + " of " + wantedIps.size() + " blocked addresses do not fit the resource policy"
                            + " limit and are enforced by WAF only");
        }
        lastFallback.put(policy.point(), left);
        Set<String> in = new HashSet<>(included);
        for (BlockRecord r : records) {
            if (r.kind() != BlockKind.IP) {
                continue;
            }
            Delta delta = deltas.computeIfAbsent(r.key(), k -> new Delta());
            if (in.contains(r.target()) && r.wantedAt(now)) {
                delta.added.add(policy.point());
            } else if (r.appliedTo().contains(policy.point())) {
                delta.removed.add(policy.point());
            }
        }
        return true;
    }

    private boolean reconcileApiKeys(List<BlockRecord> records, long now, Map<String, Delta> deltas)
            throws InterruptedException {
        boolean complete = true;
        for (BlockRecord r : records) {
            if (r.kind() != BlockKind.API_KEY) {
                continue;
            }
            boolean disabled = r.appliedTo().contains(ApiKeySwitch.POINT);
            try {
                if (r.wantedAt(now) && !disabled) {
                    apiKeys.setEnabled(r.target(), false);
                    deltas.computeIfAbsent(r.key(), k -> new Delta()).added.add(ApiKeySwitch.POINT);
                } else if (!r.wantedAt(now) && disabled) {
                    apiKeys.setEnabled(r.target(), true);
                    deltas.computeIfAbsent(r.key(), k -> new Delta()).removed.add(ApiKeySwitch.POINT);
                }
            } catch (PointUnavailableException e) {
                complete = false;
            }
        }
        return complete;
    }

    private BlockRecord settle(BlockRecord current, Delta delta, long now) {
        Set<String> points = new HashSet<>(current.appliedTo());
        points.removeAll(delta.removed);
        // a point confirmed this round for a record that is no longer wanted (unblocked meanwhile) is still in AWS:
        // keeping it in appliedTo is what lets the next round take it out
        points.addAll(delta.added);
        BlockRecord next = points.equals(new HashSet<>(current.appliedTo())) ? current
                : current.withAppliedTo(new ArrayList<>(points), now);
        if (next.state() == BlockState.PENDING && !next.expiredAt(now) && !delta.added.isEmpty()) {
            next = next.withState(BlockState.ACTIVE, null, now);
        }
        if (next.state().wanted() && next.expiredAt(now) && next.appliedTo().isEmpty()) {
            next = next.withState(BlockState.EXPIRED, "expired", now);
            audit.record(AuditAction.EXPIRED, next.target(), next.id(), next.incidentId(), "reconciler", null, "ok",
                    "expired and removed from every enforcement point");
        }
        return next;
    }

    private void updateGauges(long now) {
        long wanted = 0;
        long in = 0;
        long oldestPending = Long.MAX_VALUE;
        for (BlockRecord r : book.all()) {
            if (r.wantedAt(now)) {
                wanted++;
                if (!r.appliedTo().isEmpty()) {
                    in++;
                }
                if (r.state() == BlockState.PENDING) {
                    oldestPending = Math.min(oldestPending, r.createdAtMicros());
                }
            }
        }
        desired.set(wanted);
        applied.set(in);
        lagSeconds.set(oldestPending == Long.MAX_VALUE ? 0 : Math.max(0, (now - oldestPending) / 1_000_000));
    }
}
