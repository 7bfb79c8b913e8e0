package io.periscope.discovery.stats;

import io.periscope.events.catalog.ProbedPath.ClientCount;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The most frequent clients of a stream, in at most {@link #CAPACITY} counters (Space-Saving, Metwally et al.
 * 2005): a client not tracked when all counters are taken replaces the smallest one and inherits its count
 * plus one. Invariants: at most {@link #CAPACITY} clients are kept, so memory is bounded whatever the traffic;
 * the counts sum to the calls added; a kept count overestimates the client's true count by at most the smallest
 * kept count; every client whose true count exceeds {@code calls / CAPACITY} is kept. Unlike a DataSketches
 * frequent-items sketch its state is the very list it shows, so it is stored and published as that list.
 */
public final class TopClients {
    /** Eight counters: enough to show the handful of scanners behind a probe, small enough for every probed path. */
    public static final int CAPACITY = 8;

    private final Map<String, Long> counts = new LinkedHashMap<>();

    public void add(String client) {
        add(client, 1);
    }

    public void add(String client, long n) {
        Long held = counts.get(client);
        if (held != null || counts.size() < CAPACITY) {
            counts.merge(client, n, Long::sum);
            return;
        }
        Map.Entry<String, Long> min = null;
        for (Map.Entry<String, Long> e : counts.entrySet()) {
            if (min == null || e.getValue() < min.getValue()) {
                min = e;
            }
        }
        long inherited = min.getValue();
        counts.remove(min.getKey());
        counts.put(client, inherited + n);
    }

    /** The clients kept, most calls first, ties by client. */
    public List<ClientCount> top() {
        List<ClientCount> out = new ArrayList<>(counts.size());
        counts.forEach((c, n) -> out.add(new ClientCount(c, n)));
        out.sort(Comparator.comparingLong(ClientCount::calls).reversed().thenComparing(ClientCount::client));
        return out;
    }

    /** Restores the counters from {@link #top()}; entries beyond the capacity are folded in as new clients. */
    public static TopClients of(List<ClientCount> stored) {
        TopClients t = new TopClients();
        for (ClientCount c : stored) {
            t.add(c.client(), c.calls());
        }
        return t;
    }
}
