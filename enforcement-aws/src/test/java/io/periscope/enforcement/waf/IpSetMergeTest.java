package io.periscope.enforcement.waf;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;

class IpSetMergeTest {

    @Test
    void addsWantedRemovesOwnedUnwantedAndLeavesForeignEntriesAlone() {
        IpSetMerge merge = new IpSetMerge(Set.of("203.0.113.1/32", "203.0.113.2/32"), Set.of("203.0.113.2/32", "203.0.113.3/32"));
        assertThat(merge.apply(Set.of("198.51.100.0/24", "203.0.113.3/32", "203.0.113.2/32")))
                .containsExactlyInAnyOrder("198.51.100.0/24", "203.0.113.1/32", "203.0.113.2/32");
    }

    @Test
    void aForeignEntryThatIsAlsoWantedStaysWhenTheBlockEnds() {
        // not owned: someone else wrote it, so the end of Periscope's block must not remove it
        assertThat(new IpSetMerge(Set.of(), Set.of()).apply(Set.of("203.0.113.9/32"))).containsExactly("203.0.113.9/32");
    }
}
