package io.periscope.enforcement.waf;

import java.util.HashSet;
import java.util.Set;

/**
 * The merge at the heart of WAF enforcement ({@code UpdateIPSet} replaces the whole list, so it is read, merged, written):
 * {@code after = (current − (owned − wanted)) ∪ wanted}. An address someone else wrote is never in {@code owned}, so it
 * stays; an address Periscope wrote and no longer wants goes; every wanted address is there afterwards.
 *
 * @param wanted the targets of blocks in force
 * @param owned  the targets Periscope wrote into this set and has not removed (from the block records)
 */
public record IpSetMerge(Set<String> wanted, Set<String> owned) {

    public IpSetMerge {
        wanted = Set.copyOf(wanted);
        owned = Set.copyOf(owned);
    }

    public Set<String> apply(Set<String> current) {
        Set<String> next = new HashSet<>(current);
        for (String address : owned) {
            if (!wanted.contains(address)) {
                next.remove(address);
            }
        }
        next.addAll(wanted);
        return next;
    }
}
