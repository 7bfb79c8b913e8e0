package io.periscope.events.http;

/** Anomalies that affected an exchange. Consumers use them to weigh how much to trust its content. */
public enum ExchangeFlag {
    /** Bytes of this exchange were never captured (lost or dropped segments); the parser resynchronized. */
    GAP,
    /** A message ended before it was complete (connection closed, evicted or timed out mid-message). */
    PARTIAL,
    /** A body was longer than the capture cap or a decompression limit; content holds a prefix. */
    BODY_TRUNCATED,
    /** Some packets were truncated by the mirror session's packet length; their missing bytes are a gap. */
    CAPTURE_TRUNCATED,
    /** A request whose response was never seen. */
    UNPAIRED_REQUEST,
    /** A response whose request was never seen (mid-stream pick-up, one-sided capture, or a gap). */
    UNPAIRED_RESPONSE,
    /** The connection switched protocols (101 Switching Protocols or a successful CONNECT); parsing stopped. */
    UPGRADED,
    /** The connection was picked up mid-stream (no handshake seen). */
    MIDSTREAM,
    /** A Content-Encoding could not be undone; the body is kept as sent. */
    DECODE_FAILED,
    /**
     * A message broke HTTP/1.1 framing rules (invalid or conflicting Content-Length, bad chunk size,
     * invalid header line, a line, header count or header size limit exceeded): what was parsed is
     * kept, and the parser resynchronized at the next message start.
     */
    MALFORMED
}
