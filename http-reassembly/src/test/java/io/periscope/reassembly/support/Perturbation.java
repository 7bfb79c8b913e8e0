package io.periscope.reassembly.support;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

/**
 * What a mirror does to a capture on its way: packets moved a few positions later (an NLB or mirror
 * session reorders), packets delivered twice (two mirror sessions), packets lost. Timestamps are those of
 * arrival: a packet moved later is stamped no earlier than the packet before it, as the receiver would.
 */
public final class Perturbation {
    private Perturbation() {
    }

    /** Moves each packet, with probability {@code fraction}, 1 to {@code maxShift} positions later. */
    public static List<Packet> reorder(List<Packet> packets, Random random, double fraction, int maxShift) {
        List<Keyed> keyed = new ArrayList<>();
        for (int i = 0; i < packets.size(); i++) {
            double key = random.nextDouble() < fraction ? i + 1 + random.nextInt(maxShift) + 0.5 : i;
            keyed.add(new Keyed(key, packets.get(i)));
        }
        return arrival(keyed);
    }

    /**
     * Delivers each packet, with probability {@code fraction}, twice: the copy 0 to {@code maxShift}
     * positions after the original.
     */
    public static List<Packet> duplicate(List<Packet> packets, Random random, double fraction, int maxShift) {
        List<Keyed> keyed = new ArrayList<>();
        for (int i = 0; i < packets.size(); i++) {
            keyed.add(new Keyed(i, packets.get(i)));
            if (random.nextDouble() < fraction) {
                keyed.add(new Keyed(i + random.nextInt(maxShift + 1) + 0.25, packets.get(i)));
            }
        }
        return arrival(keyed);
    }

    private static List<Packet> arrival(List<Keyed> keyed) {
        keyed.sort(Comparator.comparingDouble(Keyed::key)); // stable: ties keep capture order
        List<Packet> out = new ArrayList<>(keyed.size());
        long clock = Long.MIN_VALUE;
        for (Keyed k : keyed) {
            clock = Math.max(clock, k.packet().micros());
            out.add(k.packet().withMicros(clock));
        }
        return out;
    }

    private record Keyed(double key, Packet packet) {
    }
}
