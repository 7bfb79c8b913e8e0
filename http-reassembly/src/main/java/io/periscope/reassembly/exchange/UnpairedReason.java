package io.periscope.reassembly.exchange;

import io.periscope.reassembly.tcp.CloseReason;

/**
 * Why an exchange was emitted with only a request or only a response, as counted in
 * {@code periscope.reassembly.exchanges.unpaired{side, reason}}: the reasons of one side add up to
 * {@code exchanges{pairing=unpaired_request}} (or {@code unpaired_response}).
 */
public enum UnpairedReason {
    /** The connection ended (FIN, RST, or its 4-tuple reused) while the request awaited its response. */
    CONNECTION_CLOSED(true, "connection_closed"),
    /** The connection was idle past {@code idle-timeout} (capture clock) while the request awaited its response. */
    IDLE_TIMEOUT(true, "idle_timeout"),
    /** The source ended (end of the file, receiver stopped) while the request awaited its response. */
    END_OF_INPUT(true, "end_of_input"),
    /** The connection was evicted at the connection or memory limit while the request awaited its response. */
    EVICTED(true, "evicted"),
    /** More than {@code max-pending-requests} requests awaited responses: the oldest was emitted alone. */
    PENDING_LIMIT(true, "pending_limit"),
    /** After lost framing, TCP acknowledgements showed a later request was answered: this one's response was lost. */
    RESPONSE_LOST(true, "response_lost"),
    /** A response with no request waiting (the request was not captured, or the capture began mid-connection). */
    NO_REQUEST(false, "no_request"),
    /** After lost framing, no waiting request ended before the server began this response. */
    NO_MATCHING_REQUEST(false, "no_matching_request");

    private final boolean request;
    private final String tag;

    UnpairedReason(boolean request, String tag) {
        this.request = request;
        this.tag = tag;
    }

    /** True when the exchange holds the request only (tag {@code side=request}). */
    public boolean request() {
        return request;
    }

    public String tag() {
        return tag;
    }

    /** Why the requests still waiting when a connection is forgotten go unanswered. */
    public static UnpairedReason of(CloseReason close) {
        return switch (close) {
            case FIN, RST, REPLACED -> CONNECTION_CLOSED;
            case IDLE -> IDLE_TIMEOUT;
            case END_OF_INPUT -> END_OF_INPUT;
            case EVICTED_COUNT, EVICTED_MEMORY -> EVICTED;
        };
    }
}
