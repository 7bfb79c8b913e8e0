package io.periscope.enforcement.waf;

import java.util.Set;

/**
 * What one read-merge-write of an IP set found and left, in canonical CIDRs.
 *
 * @param before  the set as read (the read that the successful write was based on)
 * @param after   the set as written (equal to {@code before} when nothing needed writing)
 */
public record IpSetChange(Set<String> before, Set<String> after) {

    public IpSetChange {
        before = Set.copyOf(before);
        after = Set.copyOf(after);
    }

    public boolean changed() {
        return !before.equals(after);
    }
}
