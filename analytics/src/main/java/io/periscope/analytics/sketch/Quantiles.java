package io.periscope.analytics.sketch;

/** What a reader of a quantile summary needs, whichever sketch keeps it. */
public interface Quantiles {

    /** How many values were recorded (including merged-in ones). */
    long count();

    /**
     * The value below which about {@code fraction} of the recorded values lie ({@code 0.5} = median,
     * {@code 0.99} = p99), or {@code NaN} when nothing was recorded.
     *
     * @param fraction in {@code [0, 1]}
     */
    double quantile(double fraction);
}
