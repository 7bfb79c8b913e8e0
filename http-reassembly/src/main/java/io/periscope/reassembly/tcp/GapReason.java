package io.periscope.reassembly.tcp;

/** Why bytes of a stream were skipped. */
public enum GapReason {
    /** Never captured; skipped when the stream ended, the connection closed or was evicted. */
    LOST,
    /** The mirror session truncated the packet: captured payload shorter than the TCP length. */
    TRUNCATED_CAPTURE,
    /** The out-of-order buffer of the direction was full: the hole in front of it was given up. */
    OUT_OF_ORDER_OVERFLOW,
    /** The peer acknowledged bytes the capture did not show within the reorder window (or before the connection ended). */
    ACKNOWLEDGED
}
