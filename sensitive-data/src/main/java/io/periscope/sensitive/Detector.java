package io.periscope.sensitive;

/**
 * Detects one type of sensitive value. Implementations are stateless and thread-safe, and return fast
 * for values that cannot match (cheap character checks before any parsing).
 */
public interface Detector {
    /** Minimum confidence for a hit to be reported. */
    double REPORT_THRESHOLD = 0.5;

    /** The type name recorded in the catalog ({@code email}, {@code payment_card}, ...). */
    String type();

    /**
     * The confidence, 0..1, that {@code value} under {@code name} is of this type; 0 when it is not.
     * The value is never null.
     */
    double confidence(FieldName name, String value);

    /**
     * A cheap test of the value alone (character classes, lengths; no parsing, no allocation): false only when
     * {@link #confidence} is 0 for {@code value} under every name. A caller that must build the field name for
     * {@link #confidence} (a JSON pointer, a {@link FieldName}) asks this first and skips the name when no detector
     * could match. The default, for detectors without such a test, is true.
     */
    default boolean mayMatch(String value) {
        return true;
    }

    /** A masked rendering of a value this detector matched. */
    String mask(String value);

    /** Confidence clamped to 0..1. */
    static double clamp(double c) {
        return c < 0 ? 0 : Math.min(1, c);
    }
}
