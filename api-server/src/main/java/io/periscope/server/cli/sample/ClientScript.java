package io.periscope.server.cli.sample;

import java.io.IOException;

/** A real HTTP client session against an API, whose traffic {@link TrafficRecorder} records. */
@FunctionalInterface
public interface ClientScript {
    /**
     * Sends the session's requests, one after the other, each response read in full before the next request.
     *
     * @param baseUrl {@code http://127.0.0.1:<port>} of the recording relay in front of the API
     */
    void run(String baseUrl) throws IOException, InterruptedException;
}
