package io.periscope.reassembly.tcp;

/** Why a tracked connection was forgotten. */
public enum CloseReason {
    FIN, RST, IDLE, END_OF_INPUT, EVICTED_COUNT, EVICTED_MEMORY, REPLACED;

    /** True when the connection ended by the endpoints' own doing (not by our limits or timers). */
    public boolean orderly() {
        return this == FIN || this == RST;
    }
}
