package io.periscope.discovery.stats;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LatencyHistogramTest {
    /**
     * Written by the hand-rolled HdrHistogram encoding discovery published before it used the shared
     * {@code LatencyQuantiles}: the values of {@link #recordSample} encoded. Snapshots on the compacted
     * catalog topic hold this form, so it must still read, and still be written.
     */
    private static final String PUBLISHED =
            "HISTFAAAAD14nJNpmSzMwMAQyQABTFCaEURcm7yEwf4DVILpPTPTb2Ympr+MAmCgQD4QaGdhesrB9Jed6aAwCwB38xMB";
    private static final String PUBLISHED_EMPTY = "HISTFAAAAB94nJNpmSzMwMDAyAABTFAazL82eQmD/QeoCABVaQSH";

    private static LatencyHistogram recordSample() {
        LatencyHistogram h = new LatencyHistogram();
        for (long v : new long[] {0, 1, 250, 999, 1_000, 12_345, 250_000, 4_000_000, 3_600_000_000L, 3_600_000_001L}) {
            h.record(v);
        }
        for (int i = 0; i < 1000; i++) {
            h.record(2_000 + i);
        }
        return h;
    }

    @Test
    void writesTheBytesDiscoveryHasAlwaysPublished() {
        assertThat(recordSample().encode()).isEqualTo(PUBLISHED);
        assertThat(new LatencyHistogram().encode()).isEqualTo(PUBLISHED_EMPTY);
    }

    @Test
    void readsPublishedSnapshotsWithTheSamePercentiles() {
        LatencyHistogram h = LatencyHistogram.decode(PUBLISHED);
        // The figures the previous implementation reported for this histogram.
        assertThat(new long[] {h.percentile(50), h.percentile(90), h.percentile(99), h.max(), h.count()})
                .containsExactly(2511, 2911, 3007, 3607101439L, 1010);
    }

    @Test
    void emptyAndDamagedEncodingsStartEmpty() {
        for (String encoded : new String[] {null, "", "not base64!", "AAAA", PUBLISHED_EMPTY}) {
            LatencyHistogram h = LatencyHistogram.decode(encoded);
            assertThat(h.count()).isZero();
            assertThat(h.percentile(50)).isEqualTo(-1);
            assertThat(h.max()).isEqualTo(-1);
        }
    }

    @Test
    void mergeAddsTheOtherHistogram() {
        LatencyHistogram a = recordSample();
        a.merge(recordSample());
        assertThat(a.count()).isEqualTo(2020);
        assertThat(a.percentile(50)).isEqualTo(2511);
    }
}
