package io.periscope.segment;

/** Creates one {@link SegmentSink} per reassembly worker. */
@FunctionalInterface
public interface SegmentSinkFactory {

    /**
     * @param worker  index of the worker, from 0
     * @param workers number of workers
     */
    SegmentSink create(int worker, int workers);
}
