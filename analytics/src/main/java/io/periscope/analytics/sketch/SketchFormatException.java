package io.periscope.analytics.sketch;

/**
 * Bytes that are not a sketch of the expected kind: damaged state, or state written by another kind of
 * sketch. Callers decide whether to start empty (a statistic) or to fail (a decision that needs history).
 */
public final class SketchFormatException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    SketchFormatException(String kind, RuntimeException cause) {
        super("not a serialized " + kind + ": " + cause.getMessage(), cause);
    }
}
