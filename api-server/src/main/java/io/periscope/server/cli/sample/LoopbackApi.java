package io.periscope.server.cli.sample;

/** An HTTP API listening on loopback, whose traffic {@link TrafficRecorder} records. */
public interface LoopbackApi extends AutoCloseable {
    /** The loopback port the API listens on. */
    int port();

    @Override
    void close();
}
