package io.periscope.mirror.warmup;

import java.time.Duration;

/**
 * What a warm-up did, for the log and the health page.
 *
 * @param packets            synthetic packets pushed through the pipeline
 * @param elapsed            wall time it took
 * @param firstPassRate      packets per second through the pipeline in the first pass (code still interpreted)
 * @param lastPassRate       packets per second through the pipeline in the last pass
 * @param exchangesExpected  exchanges the passes contained
 * @param exchangesRecovered exchanges the pipeline emitted: equal when the pipeline works (a self-test)
 */
public record WarmUpReport(long packets, Duration elapsed, double firstPassRate, double lastPassRate,
                           long exchangesExpected, long exchangesRecovered) {

    public static final WarmUpReport SKIPPED = new WarmUpReport(0, Duration.ZERO, 0, 0, 0, 0);

    public boolean selfTestPassed() {
        return exchangesRecovered == exchangesExpected;
    }

    public String describe() {
        return String.format("%,d synthetic packets through the pipeline in %.1f s, first pass %,.0f packets/s, last %,.0f packets/s; "
                        + "%,d of %,d exchanges recovered", packets, elapsed.toMillis() / 1000.0, firstPassRate, lastPassRate,
                exchangesRecovered, exchangesExpected);
    }
}
