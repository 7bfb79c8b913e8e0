package io.periscope.mirror.dedup;

import io.periscope.mirror.config.DedupConfig;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class DuplicateFilterTest {
    private final DuplicateFilter filter = new DuplicateFilter(new DedupConfig(true, Duration.ofMillis(10), 64));

    @Test
    void secondCopyWithinTheWindowIsADuplicate() {
        assertThat(filter.isDuplicate(42, 1_000)).isFalse();
        assertThat(filter.isDuplicate(42, 1_500)).isTrue();
    }

    @Test
    void copyOutsideTheWindowIsKept() {
        assertThat(filter.isDuplicate(42, 1_000)).isFalse();
        assertThat(filter.isDuplicate(42, 12_000)).isFalse();
    }

    @Test
    void copyThatArrivesBeforeTheOriginalsTimestampStillMatches() {
        assertThat(filter.isDuplicate(7, 5_000)).isFalse();
        assertThat(filter.isDuplicate(7, 4_990)).isTrue();
    }

    @Test
    void tableUnderPressureForgetsRatherThanGrows() {
        for (long fp = 1; fp <= 10_000; fp++) {
            filter.isDuplicate(fp, 0);
        }
        int remembered = 0;
        for (long fp = 1; fp <= 10_000; fp++) {
            if (filter.isDuplicate(fp, 1)) {
                remembered++;
            }
        }
        assertThat(remembered).isLessThanOrEqualTo(64);
    }
}
