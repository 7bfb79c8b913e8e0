package io.periscope.reassembly.tcp;

/** Why a tracked connection was forgotten. */
public enum CloseReason {
    FIN, RST, IDLE, END_OF_INPUT, EVICTED_COUNT, EVICTED_MEMORY, REPLACED
}
