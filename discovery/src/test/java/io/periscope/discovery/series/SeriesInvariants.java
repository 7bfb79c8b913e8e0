package io.periscope.discovery.series;

import static org.assertj.core.api.Assertions.assertThat;

import io.periscope.events.series.SeriesBucket;

/** The invariants every published bucket must hold (see {@link SeriesBucket}). */
final class SeriesInvariants {
    private SeriesInvariants() {
    }

    static void assertValid(SeriesBucket b) {
        String what = b.key().toString();
        assertThat(b.calls()).as("calls of %s", what).isPositive();
        assertThat(b.statusClasses().values().stream().mapToLong(Long::longValue).sum()).as("class sum of %s", what)
                .isEqualTo(b.calls());
        assertThat(b.statusCodes().values().stream().mapToLong(Long::longValue).sum()).as("code sum of %s", what)
                .isEqualTo(b.calls());
        assertThat(b.statusCodes()).as("codes of %s", what).hasSizeLessThanOrEqualTo(SeriesBucket.MAX_CODES + 1);
        assertThat(b.errors()).as("errors of %s", what).isBetween(0L, b.calls());
        assertThat(b.latencyCount()).as("latency count of %s", what).isBetween(0L, b.calls());
        assertThat(b.p50Micros()).as("p50 <= p95 of %s", what).isLessThanOrEqualTo(b.p95Micros());
        if (b.latencyCount() == 0) {
            assertThat(b.p95Micros()).isEqualTo(-1);
        } else {
            assertThat(b.p50Micros()).isNotNegative();
        }
        assertThat(b.startMicros() % b.resolution().bucketMicros()).as("alignment of %s", what).isZero();
        assertThat(b.latencySketch() == null).as("sketch only on service buckets: %s", what).isEqualTo(b.endpointId() != null
                || b.latencyCount() == 0);
    }
}
