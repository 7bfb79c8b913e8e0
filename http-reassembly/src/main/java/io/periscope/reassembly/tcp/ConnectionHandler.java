package io.periscope.reassembly.tcp;

/** What the layer above attaches to a connection once it carries payload. */
public interface ConnectionHandler {

    /** The consumer of direction 0 (A → B) or 1 (B → A). */
    StreamConsumer consumer(int direction);

    /** Both directions have ended ({@link StreamConsumer#onEnd} was called on each); release everything. */
    void onClose(CloseReason reason, long micros);
}
