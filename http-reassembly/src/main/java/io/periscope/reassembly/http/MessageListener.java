package io.periscope.reassembly.http;

/** What a stream parser reports to the connection it belongs to. */
public interface MessageListener {

    /** A complete (or flushed, flagged) request or final response. */
    void onMessage(int direction, HttpMessage message);

    /** The role of a direction is unknown and content showed that it carries requests ({@code true}) or responses. */
    void onRoleDetected(int direction, boolean requests);

    /** The method of the request the next response of this connection answers, or null when none is pending. */
    String pendingRequestMethod();

    /** A direction lost message framing (gap or malformed input): pairing by order can no longer be trusted. */
    void onFramingLost(int direction);

    /** The connection stopped being HTTP/1 (101, successful CONNECT, HTTP/2 preface): both parsers stop. */
    void onProtocolSwitch();

    /** What this direction carries, as far as the connection knows. */
    Role role(int direction);
}
