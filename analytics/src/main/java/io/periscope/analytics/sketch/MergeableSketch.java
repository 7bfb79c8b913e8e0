package io.periscope.analytics.sketch;

/**
 * A summary of a stream that can absorb the summary of another stream (as if it had seen both) and be
 * written to bytes; each implementation reads them back with a static {@code fromBytes}.
 *
 * @param <S> the implementation: only sketches of the same kind merge
 */
public interface MergeableSketch<S extends MergeableSketch<S>> {

    /** Folds {@code other} into this sketch; {@code other} is left unchanged. */
    void merge(S other);

    /** True while nothing has been added or merged in. */
    boolean isEmpty();

    /** The state in the library's own stable binary format. */
    byte[] toBytes();
}
