package io.periscope.mirror.decode;

import io.periscope.mirror.config.SessionConfig;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Maps a VNI to a session index without allocation (binary search over a sorted array). Session
 * indexes are dense so metrics can keep one counter per session in an array: the configured sessions
 * first, then {@link #unknownIndex()} for accepted unknown VNIs, then {@link #plainIndex()} for
 * packets without VXLAN. Unknown VNIs all share one index, so metric tag cardinality stays bounded
 * whatever a sender puts in the VNI field.
 */
public final class VniSessions {
    /** Returned by {@link #indexOf(int)} for an unknown VNI under the DROP policy. */
    public static final int DROP = -1;

    private final int[] vnis;
    private final int[] indexes;
    private final String[] names;
    private final boolean acceptUnknown;
    private final int unknownIndex;
    private final int plainIndex;

    public VniSessions(SessionConfig config) {
        TreeMap<Integer, String> sorted = new TreeMap<>(config.vniSessions());
        List<String> distinct = new ArrayList<>();
        vnis = new int[sorted.size()];
        indexes = new int[sorted.size()];
        int i = 0;
        for (Map.Entry<Integer, String> e : sorted.entrySet()) {
            int index = distinct.indexOf(e.getValue());
            if (index < 0) {
                index = distinct.size();
                distinct.add(e.getValue());
            }
            vnis[i] = e.getKey();
            indexes[i] = index;
            i++;
        }
        unknownIndex = indexOfName(distinct, config.unknownSession());
        plainIndex = indexOfName(distinct, config.plainSession());
        names = distinct.toArray(String[]::new);
        acceptUnknown = config.unknownVni() == SessionConfig.UnknownVniPolicy.ACCEPT;
    }

    private static int indexOfName(List<String> names, String name) {
        int index = names.indexOf(name);
        if (index < 0) {
            names.add(name);
            return names.size() - 1;
        }
        return index;
    }

    /** Session index for a VNI, or {@link #DROP}. */
    public int indexOf(int vni) {
        int found = Arrays.binarySearch(vnis, vni);
        if (found >= 0) {
            return indexes[found];
        }
        return acceptUnknown ? unknownIndex : DROP;
    }

    public int plainIndex() {
        return plainIndex;
    }

    public int unknownIndex() {
        return unknownIndex;
    }

    public int count() {
        return names.length;
    }

    public String name(int index) {
        return names[index];
    }
}
