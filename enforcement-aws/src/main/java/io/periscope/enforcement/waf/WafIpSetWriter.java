package io.periscope.enforcement.waf;

import io.periscope.enforcement.reconcile.AwsCalls;
import io.periscope.enforcement.reconcile.MutationPacer;
import io.periscope.enforcement.reconcile.PointUnavailableException;
import io.periscope.enforcement.safety.BlockSafety;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.wafv2.Wafv2Client;
import software.amazon.awssdk.services.wafv2.model.GetIpSetResponse;
import software.amazon.awssdk.services.wafv2.model.Scope;

/**
 * Converges one WAF IP set: {@code GetIPSet} → {@link IpSetMerge} → {@code UpdateIPSet} with the lock token of that
 * read. A {@code WAFOptimisticLockException} (someone wrote in between) repeats the whole read-merge-write after a
 * jittered pause, so two writers never lose each other's addresses. Entries are compared in canonical form; an entry
 * someone else wrote keeps its own spelling.
 */
public final class WafIpSetWriter {
    private final Wafv2Client client;
    private final IpSetSettings set;
    private final AwsCalls calls;
    private final MutationPacer pacer;

    public WafIpSetWriter(Wafv2Client client, IpSetSettings set, AwsCalls calls, MutationPacer pacer) {
        this.client = client;
        this.set = set;
        this.calls = calls;
        this.pacer = pacer;
    }

    public IpSetSettings settings() {
        return set;
    }

    /** Applies the merge; returns what was read and written. */
    public IpSetChange converge(IpSetMerge merge) throws PointUnavailableException, InterruptedException {
        IpSetChange change = calls.run(set.point(), "GetIPSet+UpdateIPSet", () -> attempt(merge));
        if (change.changed()) {
            calls.mutated(set.point(), "UpdateIPSet", describe(change));
        }
        return change;
    }

    private IpSetChange attempt(IpSetMerge merge) {
        GetIpSetResponse read = client.getIPSet(r -> r.name(set.name()).id(set.id()).scope(Scope.fromValue(set.scope())));
        Map<String, String> spelling = new HashMap<>();
        for (String raw : read.ipSet().addresses()) {
            String canonical = BlockSafety.canonicalCidr(raw);
            spelling.put(canonical == null ? raw : canonical, raw);
        }
        java.util.Set<String> after = merge.apply(spelling.keySet());
        IpSetChange change = new IpSetChange(spelling.keySet(), after);
        if (!change.changed()) {
            return change;
        }
        List<String> addresses = new ArrayList<>(after.size());
        for (String address : after) {
            addresses.add(spelling.getOrDefault(address, address));
        }
        try {
            pacer.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw software.amazon.awssdk.core.exception.AbortedException.create("interrupted", e);
        }
        client.updateIPSet(r -> r.name(set.name()).id(set.id()).scope(Scope.fromValue(set.scope()))
                .addresses(addresses).lockToken(read.lockToken()).description(read.ipSet().description()));
        return change;
    }

    private static String describe(IpSetChange change) {
        long added = change.after().stream().filter(a -> !change.before().contains(a)).count();
        long removed = change.before().stream().filter(a -> !change.after().contains(a)).count();
        return "added " + added + ", removed " + removed + ", now " + change.after().size();
    }
}
