package io.periscope.discovery.series;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The series' counters. A call that a series does not count is counted here by reason, so that the series'
 * totals reconcile with the catalog's: {@code late} (its bucket had closed), {@code series_cap} (the task keeps
 * no more series), {@code merge_late} (an open bucket of a merged endpoint whose window had closed in the survivor).
 */
public final class SeriesMetrics {
    private final MeterRegistry registry;

    public SeriesMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void notCounted(String reason, long calls) {
        Counter.builder("periscope.discovery.series.uncounted").tag("reason", reason)
                .description("calls left out of a time series, by reason").register(registry).increment(calls);
    }

    void stateUnreadable() {
        Counter.builder("periscope.discovery.state.unreadable").tag("store", SeriesStore.NAME).tag("reason", "unreadable")
                .register(registry).increment();
    }
}
