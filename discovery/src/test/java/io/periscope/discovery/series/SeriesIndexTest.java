package io.periscope.discovery.series;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.periscope.events.series.BucketKey;
import io.periscope.events.series.SeriesBucket;
import io.periscope.events.series.SeriesResolution;
import java.util.List;
import org.junit.jupiter.api.Test;

class SeriesIndexTest {
    static final long T0 = 1_700_000_000_000_000L;
    static final long MINUTE = 60_000_000L;

    final SeriesIndex index = new SeriesIndex();

    /** Buckets as discovery publishes them, from a real engine. */
    RecordingSeriesOutput published(String... services) {
        RecordingSeriesOutput out = new RecordingSeriesOutput();
        SeriesEngine engine = new SeriesEngine(SeriesEngine.DEFAULT_MAX_SERIES, new SeriesMetrics(new SimpleMeterRegistry()),
                new MapSeriesStore());
        for (int i = 0; i < 600; i++) {
            for (int s = 0; s < services.length; s++) {
                // the second service is ten times slower: the overview's quantiles must come from both
                engine.call(services[s], "ep-" + s, T0 + i * 1_000_000L, i % 10 == 0 ? 500 : 200, (s + 1) * 1000L * (1 + s * 9));
            }
        }
        engine.flush(out);
        return out;
    }

    @Test
    void theOverviewSumsServicesAndMergesTheirLatencySketches() {
        published("a|one.example", "b|two.example").buckets.values().forEach(index::put);
        SeriesResult overview = index.query(null, null, SeriesResolution.MINUTE, null, 180);
        assertThat(overview.calls()).isEqualTo(1200);
        assertThat(overview.errors()).isEqualTo(120);
        assertThat(overview.points()).allSatisfy(p -> {
            assertThat(p.p50Micros()).isLessThanOrEqualTo(p.p95Micros());
            // half the calls take 1 ms, half 20 ms: the p95 is the slow service's
            assertThat(p.p95Micros()).isGreaterThan(15_000);
            assertThat(p.errorRate()).isBetween(0.0, 1.0);
        });
        assertThat(overview.topCodes()).extracting(SeriesResult.StatusCount::code).containsExactly("200", "500");
        SeriesResult one = index.query("a|one.example", null, SeriesResolution.MINUTE, null, 180);
        assertThat(one.calls()).isEqualTo(600);
        assertThat(one.points()).allSatisfy(p -> assertThat(p.p95Micros()).isLessThan(1100));
        SeriesResult endpoint = index.query(null, "ep-1", SeriesResolution.HOUR, null, 168);
        assertThat(endpoint.serviceKey()).isEqualTo("b|two.example");
        assertThat(endpoint.calls()).isEqualTo(600);
        // an endpoint asked for under another service is not shown
        assertThat(index.query("a|one.example", "ep-1", SeriesResolution.HOUR, null, 168).points()).isEmpty();
    }

    @Test
    void sinceAndTheDefaultWindowCutTheOldBuckets() {
        published("a|one.example").buckets.values().forEach(index::put);
        assertThat(index.query("a|one.example", null, SeriesResolution.MINUTE, null, 3).points()).hasSize(3);
        long newest = index.query("a|one.example", null, SeriesResolution.MINUTE, null, 1).points().get(0).startMicros();
        assertThat(index.query("a|one.example", null, SeriesResolution.MINUTE, newest - 4 * MINUTE, 1).points()).hasSize(5);
        assertThat(index.query("a|one.example", null, SeriesResolution.MINUTE, newest + MINUTE, 1).points()).isEmpty();
    }

    @Test
    void aSeriesHoldsNoMoreThanItsRetentionAndATombstoneRemovesABucket() {
        for (int i = 0; i < 2000; i++) {
            index.put(bucket(T0 / MINUTE * MINUTE + i * MINUTE));
        }
        List<SeriesPoint> points = index.query("a|one.example", "ep", SeriesResolution.MINUTE, 0L, 1).points();
        assertThat(points).hasSize(SeriesResolution.MINUTE.retainedBuckets());
        index.remove(new BucketKey("e|ep", SeriesResolution.MINUTE, points.get(0).startMicros()));
        assertThat(index.query("a|one.example", "ep", SeriesResolution.MINUTE, 0L, 1).points())
                .hasSize(SeriesResolution.MINUTE.retainedBuckets() - 1);
    }

    @Test
    void bucketKeysReadBackFromTheirTextAndRefuseOtherText() {
        BucketKey key = bucket(T0 / MINUTE * MINUTE).key();
        assertThat(BucketKey.parse(key.toString())).contains(key);
        BucketKey service = new BucketKey("s|sess|api.example|x", SeriesResolution.HOUR, 3_600_000_000L);
        assertThat(BucketKey.parse(service.toString())).contains(service);
        for (String bad : List.of("", "|", "e|x|MINUTE|", "e|x|DAY|1", "x|y|MINUTE|1", "e|MINUTE|1", "e|x|MINUTE|1e3")) {
            assertThat(BucketKey.parse(bad)).as(bad).isEmpty();
        }
    }

    static SeriesBucket bucket(long start) {
        return new SeriesBucket(SeriesBucket.SCHEMA_VERSION, "a|one.example", "ep", SeriesResolution.MINUTE, start, 1, 0,
                java.util.Map.of("2xx", 1L), java.util.Map.of("200", 1L), 1, 100, 100, null);
    }
}
