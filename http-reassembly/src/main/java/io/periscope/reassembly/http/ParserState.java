package io.periscope.reassembly.http;

/**
 * The states of an {@link HttpStreamParser}. A state says what the next bytes are read as and
 * whether a message is in progress (a message builder exists exactly while {@link #inMessage()}).
 *
 * <pre>
 *            ┌──────── gap / malformed / limit ────────────────────────────┐
 *            v                                                             │
 *   SCAN ──(start line found)──> HEADERS ──(blank line)──┬─> BODY_FIXED ───┤
 *    ^                            ^                      ├─> CHUNK_SIZE ⇄ CHUNK_DATA → CHUNK_END
 *   START ──(start line)─────────┘                       │        └─(0)─> TRAILERS ──┤
 *    ^  (1xx response: back to START, status kept)       ├─> BODY_CLOSE (until FIN) ─┤
 *    └─────────────────────── message complete <─────────┴───────────────────────────┘
 *   IGNORE: not HTTP, upgraded (101 / CONNECT) or HTTP/2: payload is no longer delivered.
 * </pre>
 */
enum ParserState {
    /**
     * Framing was lost (gap, malformed input, a tunnel that may open): reads lines and looks for a
     * request or status line anywhere in each; bytes before it are skipped. Not in a message.
     */
    SCAN(false),
    /**
     * Between messages: the next non-empty line must be a start line (a mid-stream pick-up with an
     * unknown role still searches within the line, as SCAN does). Not in a message.
     */
    START(false),
    /** Reads header field lines until the empty line that ends the header section. */
    HEADERS(true),
    /** Reads a Content-Length body: exactly the remaining bytes, no lines. */
    BODY_FIXED(true),
    /** Reads a chunk-size line (hex digits, optional extensions). */
    CHUNK_SIZE(true),
    /** Reads chunk data: exactly the remaining bytes of the chunk, no lines. */
    CHUNK_DATA(true),
    /** Reads the empty line that must follow chunk data. */
    CHUNK_END(true),
    /** Reads trailer field lines after the last chunk until the empty line that ends the message. */
    TRAILERS(true),
    /** Reads a response body delimited by the end of the connection: every byte until FIN. */
    BODY_CLOSE(true),
    /** Final: not HTTP, upgraded (101, CONNECT) or HTTP/2. Payload is no longer delivered or read. */
    IGNORE(false);

    private final boolean inMessage;

    ParserState(boolean inMessage) {
        this.inMessage = inMessage;
    }

    /** Whether a message has started and not yet been emitted. */
    boolean inMessage() {
        return inMessage;
    }
}
