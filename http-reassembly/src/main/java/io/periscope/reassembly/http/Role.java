package io.periscope.reassembly.http;

/** What one direction of a connection carries, as far as the connection knows. */
public enum Role {
    /** The client's direction: requests. */
    REQUESTS,
    /** The server's direction: responses. */
    RESPONSES,
    /** Not known yet (mid-stream pick-up without a handshake): the first message start found decides. */
    UNKNOWN
}
