package io.periscope.events.http;

/** The evidence the resolved client IP of an exchange was taken from. */
public enum ClientIpSource {
    /** The TCP peer itself: no forwarding header, or the peer is not a trusted proxy. */
    PEER,
    /** The right-most untrusted entry of X-Forwarded-For, walking from the trusted TCP peer. */
    X_FORWARDED_FOR,
    /** The right-most untrusted {@code for=} entry of the RFC 7239 Forwarded header. */
    FORWARDED,
    /** X-Real-IP set by a trusted proxy. */
    X_REAL_IP
}
