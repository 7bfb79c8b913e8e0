package io.periscope.discovery.series;

import static io.periscope.discovery.series.RecordingSeriesOutput.calls;
import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.periscope.events.series.SeriesBucket;
import io.periscope.events.series.SeriesResolution;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SeriesEngineTest {
    static final String SVC = "prod|api.example.test";
    static final long T0 = 1_700_000_000_000_000L;
    static final long MINUTE = 60_000_000L;
    static final long HOUR = 60 * MINUTE;
    static final long DAY = 24 * HOUR;

    final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    final MapSeriesStore store = new MapSeriesStore();
    final RecordingSeriesOutput out = new RecordingSeriesOutput();
    SeriesEngine engine = new SeriesEngine(SeriesEngine.DEFAULT_MAX_SERIES, new SeriesMetrics(registry), store);

    double uncounted(String reason) {
        var c = registry.find("periscope.discovery.series.uncounted").tag("reason", reason).counter();
        return c == null ? 0 : c.count();
    }

    @Test
    void bucketCallsSumToTheCallsCountedAtEveryResolutionAndForTheService() {
        Random random = new Random(7);
        int[] statuses = {200, 200, 200, 201, 304, 404, 500, 503, 0};
        long[] perEndpoint = new long[3];
        long errors = 0;
        for (int i = 0; i < 3000; i++) {
            int e = random.nextInt(3);
            int status = statuses[random.nextInt(statuses.length)];
            errors += status == 0 || status >= 500 ? 1 : 0;
            engine.call(SVC, "ep" + e, T0 + i * 3_000_000L, status, random.nextInt(10) == 0 ? -1 : 1000 + random.nextInt(90_000));
            perEndpoint[e]++;
            if (i % 100 == 0) {
                engine.flush(out);
            }
        }
        engine.flush(out);
        for (SeriesResolution r : SeriesResolution.values()) {
            for (int e = 0; e < 3; e++) {
                assertThat(calls(out.of("e|ep" + e, r))).as("%s of ep%d", r, e).isEqualTo(perEndpoint[e]);
            }
            List<SeriesBucket> service = out.of("s|" + SVC, r);
            assertThat(calls(service)).isEqualTo(3000);
            assertThat(service.stream().mapToLong(SeriesBucket::errors).sum()).isEqualTo(errors);
        }
        // 3000 calls 3 s apart span 150 minutes: 150 minute buckets, 3 hour buckets (T0 is not hour-aligned)
        assertThat(out.of("s|" + SVC, SeriesResolution.MINUTE)).hasSizeBetween(150, 151);
        assertThat(out.of("s|" + SVC, SeriesResolution.HOUR)).hasSizeBetween(3, 4);
    }

    @Test
    void minuteBucketsAreKeptOneDayAndHourBucketsThirtyDays() {
        long last = 0;
        for (long t = T0; t < T0 + 40 * DAY; t += 10 * MINUTE) {
            engine.call(SVC, "ep", t, 200, 5000);
            engine.flush(out);
            last = t;
        }
        List<SeriesBucket> minutes = out.of("e|ep", SeriesResolution.MINUTE);
        List<SeriesBucket> hours = out.of("e|ep", SeriesResolution.HOUR);
        assertThat(minutes).hasSizeLessThanOrEqualTo(SeriesResolution.MINUTE.retainedBuckets());
        assertThat(hours).hasSizeLessThanOrEqualTo(SeriesResolution.HOUR.retainedBuckets()).hasSizeGreaterThan(700);
        assertThat(minutes.get(0).startMicros()).isGreaterThan(last - DAY);
        assertThat(hours.get(0).startMicros()).isGreaterThan(last - 30 * DAY);
        assertThat(calls(minutes)).isEqualTo(144);
        assertThat(out.tombstones).isPositive();
        // the store holds no more than the topic: expired buckets are deleted there too
        long closedInStore = store.entries.keySet().stream().filter(k -> k.startsWith(SeriesStore.CLOSED_PREFIX + "e|ep|")).count();
        assertThat(closedInStore).isLessThanOrEqualTo(minutes.size() + hours.size());
    }

    @Test
    void aCallLaterThanItsBucketsLatenessIsCountedAsLateNotLost() {
        engine.call(SVC, "ep", T0 + 10 * MINUTE, 200, 1000);
        engine.call(SVC, "ep", T0 + 10 * MINUTE - 5 * MINUTE, 200, 1000);
        engine.flush(out);
        // the service's and the endpoint's minute series both refused it; the hour bucket was still open
        assertThat(uncounted("late_minute")).isEqualTo(2);
        assertThat(calls(out.of("e|ep", SeriesResolution.MINUTE))).isEqualTo(1);
    }

    @Test
    void eachServiceClosesItsBucketsOnItsOwnEventTime() {
        engine.call(SVC, "ep", T0, 200, 1000);
        engine.call("replay|other.example.test", "other", T0 + 100 * DAY, 200, 1000);
        engine.flush(out);
        // another service's much later clock closes nothing here: a call a few seconds on still lands in the open bucket
        engine.call(SVC, "ep", T0 + 5_000_000L, 200, 1000);
        engine.flush(out);
        assertThat(uncounted("late_minute")).isZero();
        assertThat(calls(out.of("e|ep", SeriesResolution.MINUTE))).isEqualTo(2);
    }

    @Test
    void aRestoredEngineContinuesItsSeriesWithoutLosingOrDoublingCalls() {
        for (int i = 0; i < 200; i++) {
            engine.call(SVC, "ep", T0 + i * 20_000_000L, 200, 1000 + i);
            if (i == 120) {
                engine.flush(out);
            }
        }
        engine.persistPending();
        SeriesEngine restored = new SeriesEngine(SeriesEngine.DEFAULT_MAX_SERIES, new SeriesMetrics(registry), store);
        restored.restore(new ArrayList<>(store.entries.entrySet()));
        for (int i = 200; i < 300; i++) {
            restored.call(SVC, "ep", T0 + i * 20_000_000L, 200, 1000 + i);
        }
        restored.flush(out);
        for (SeriesResolution r : SeriesResolution.values()) {
            assertThat(calls(out.of("e|ep", r))).as("%s", r).isEqualTo(300);
            assertThat(calls(restored.buckets(SVC, "ep", r))).as("%s in the store", r).isEqualTo(300);
        }
    }

    @Test
    void aMergedEndpointsSeriesJoinsTheSurvivorsAndItsRecordsAreTombstoned() {
        for (int i = 0; i < 600; i++) {
            engine.call(SVC, i % 3 == 0 ? "items-7" : "items-{id}", T0 + i * 1_000_000L, 200, 2000 + i);
        }
        engine.flush(out);
        assertThat(out.of("e|items-7", SeriesResolution.MINUTE)).isNotEmpty();
        engine.merged(SVC, "items-7", "items-{id}", out);
        engine.flush(out);
        assertThat(out.buckets.keySet()).noneMatch(k -> k.startsWith("e|items-7|"));
        for (SeriesResolution r : SeriesResolution.values()) {
            assertThat(calls(out.of("e|items-{id}", r))).as("%s", r).isEqualTo(600);
        }
        assertThat(store.entries.keySet()).noneMatch(k -> k.contains("e|items-7"));
    }

    @Test
    void callsBeyondTheSeriesCapAreCountedNotKept() {
        engine = new SeriesEngine(3, new SeriesMetrics(registry), store);
        engine.call(SVC, "a", T0, 200, 1);
        engine.call(SVC, "b", T0, 200, 1);
        engine.call(SVC, "c", T0, 200, 1);
        engine.flush(out);
        assertThat(uncounted("series_cap")).isEqualTo(1);
        assertThat(calls(out.of("s|" + SVC, SeriesResolution.MINUTE))).isEqualTo(3);
        assertThat(out.of("e|c", SeriesResolution.MINUTE)).isEmpty();
    }

    @Test
    void hostileStatusesFoldIntoOtherAndKeepTheSums() {
        for (int status = 100; status < 1000; status++) {
            engine.call(SVC, "ep", T0, status, 1);
        }
        engine.flush(out);
        SeriesBucket b = out.of("e|ep", SeriesResolution.MINUTE).get(0);
        assertThat(b.statusCodes()).containsKey(SeriesBucket.OTHER).hasSize(SeriesBucket.MAX_CODES + 1);
        assertThat(b.statusClasses()).containsEntry(SeriesBucket.OTHER, 400L);
        assertThat(Map.copyOf(b.statusClasses())).containsEntry("5xx", 100L);
    }
}
