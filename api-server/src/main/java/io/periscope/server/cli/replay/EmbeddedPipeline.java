package io.periscope.server.cli.replay;

import io.micrometer.core.instrument.MeterRegistry;
import io.periscope.segment.SegmentSinkFactory;
import java.util.Optional;

/**
 * What {@code periscope replay} ingests into when there is no {@code --to}: reassembly and whatever it
 * publishes to, living in this process for the length of the command.
 */
public interface EmbeddedPipeline {
    /**
     * Builds the pipeline (connecting to Kafka first when it publishes there) and returns its reassembly
     * sinks. Every meter of the pipeline goes to {@code registry}, which the command reconciles at the end.
     *
     * @throws IllegalStateException when the pipeline cannot start (Kafka unreachable or refusing); the
     *                               message says why
     */
    SegmentSinkFactory start(MeterRegistry registry);

    /**
     * Why ingest must stop before the end of the file (Kafka away for longer than the configured timeout);
     * empty while all is well. Read before every packet: must be cheap.
     */
    default Optional<String> failure() {
        return Optional.empty();
    }

    /** Called once every segment is reassembled: publishes what is still queued and waits (bounded) for it. */
    default void finish() {
    }
}
