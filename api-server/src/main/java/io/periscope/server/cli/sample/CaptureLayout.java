package io.periscope.server.cli.sample;

import java.util.function.IntUnaryOperator;

/**
 * Where {@link TrafficRecorder} places recorded connections in the capture, and how it lays out their time.
 *
 * @param clientAddress the inner client IPv4 address of the n-th connection (in the order they opened): the clients
 *                      themselves, or the nodes of a load balancer in front of the API
 * @param timeScale     capture time runs this many times slower than the recording did (1: as recorded), so that a
 *                      minute of recorded traffic can span several minutes of capture time without waiting for them
 */
public record CaptureLayout(IntUnaryOperator clientAddress, double timeScale) {
    /** Each connection from its own client address in 10.0.1.0/24, from 10.0.1.20 on; time as recorded. */
    public static final CaptureLayout SAMPLE = new CaptureLayout(n -> SampleCaptureGenerator.CLIENT_SUBNET | (20 + n), 1);

    public CaptureLayout {
        if (!(timeScale >= 1)) {
            throw new IllegalArgumentException("timeScale must be at least 1, got " + timeScale);
        }
    }
}
