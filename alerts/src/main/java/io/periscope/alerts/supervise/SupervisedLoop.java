package io.periscope.alerts.supervise;

/** A loop running on its own thread that can stop on an unexpected error and say why. */
public interface SupervisedLoop extends AutoCloseable {
    /** Why the loop ended without being asked to, or null while it runs (and after a requested stop). */
    String failure();

    /** Stops the loop if it still runs and releases its clients; harmless on a loop that already stopped. */
    @Override
    void close() throws InterruptedException;
}
