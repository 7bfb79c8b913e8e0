package io.periscope.reassembly.http;

import io.periscope.events.http.ExchangeFlag;
import io.periscope.reassembly.tcp.GapReason;
import io.periscope.reassembly.tcp.StreamConsumer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * HTTP/1.x parser of one direction of a connection, an explicit state machine fed by the TCP
 * reassembly (bytes in order, gaps explicit).
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
 *
 * SCAN looks for a request line (or status line) anywhere in a line, so a stream resumes after a
 * gap at the next message start; while the direction's role is unknown (mid-stream pick-up) SCAN
 * accepts either and tells the connection, which orients itself.
 */
public final class HttpStreamParser implements StreamConsumer {
    private enum State { SCAN, START, HEADERS, BODY_FIXED, CHUNK_SIZE, CHUNK_DATA, CHUNK_END, TRAILERS, BODY_CLOSE, IGNORE }

    private static final int INITIAL_LINE = 256;
    private static final long MAX_CHUNK = 1L << 40;

    private final int direction;
    private final MessageListener listener;
    private final ParserLimits limits;

    private State state = State.START;
    // the current line, buffered only when it spans segments
    private byte[] line;
    private int lineLen;
    private boolean discarding;
    private long lineMicros;
    private int lineAck;
    private boolean lineHasAck;
    private int lineTailOffset;
    private long lineTailMicros;
    // the current segment
    private long curMicros;
    private int curAck;
    private boolean curHasAck;
    private int cursorSeq;
    private long lastDataMicros;
    private long detectBytes;
    // the current message: null between messages
    private MessageBuilder msg;
    private long remaining;
    private long expectedBody;

    public HttpStreamParser(int direction, MessageListener listener, ParserLimits limits) {
        this.direction = direction;
        this.listener = listener;
        this.limits = limits;
    }

    @Override
    public boolean wantsData() {
        return state != State.IGNORE;
    }

    /** Stops parsing for good (protocol switch). */
    public void stop() {
        if (state != State.IGNORE) {
            releaseAll();
            state = State.IGNORE;
        }
    }

    /** Gives back every buffer this parser holds (the message in progress, if any, is abandoned). */
    private void releaseAll() {
        releaseLine();
        if (msg != null) {
            msg.discard();
            msg = null;
        }
    }

    @Override
    public void onData(byte[] b, int off, int len, int seq, int ack, boolean hasAck, long micros) {
        curMicros = micros;
        curAck = ack;
        curHasAck = hasAck;
        lastDataMicros = micros;
        int seqBase = seq - off;
        int p = off;
        int end = off + len;
        while (p < end) {
            switch (state) {
                case IGNORE -> {
                    return;
                }
                case BODY_FIXED, CHUNK_DATA -> {
                    int n = (int) Math.min(remaining, end - p);
                    msg.body().append(b, p, n, expectedBody);
                    remaining -= n;
                    p += n;
                    if (remaining == 0) {
                        cursorSeq = seqBase + p;
                        if (state == State.BODY_FIXED) {
                            complete();
                        } else {
                            state = State.CHUNK_END;
                        }
                    }
                }
                case BODY_CLOSE -> {
                    msg.body().append(b, p, end - p, -1);
                    p = end;
                    cursorSeq = seqBase + p;
                }
                default -> p = consumeLine(b, p, end, seqBase);
            }
        }
    }

    private int consumeLine(byte[] b, int p, int end, int seqBase) {
        if (lineLen == 0 && !discarding) {
            lineMicros = curMicros;
            lineAck = curAck;
            lineHasAck = curHasAck;
            lineTailOffset = 0;
        } else if (lineLen > 0) {
            // the line continues in this segment: a message found from here on starts in it
            lineTailOffset = lineLen;
            lineTailMicros = curMicros;
        }
        int i = p;
        while (i < end && b[i] != '\n') {
            i++;
        }
        int n = i - p;
        if (discarding) {
            skipped(n + (i < end ? 1 : 0));
            if (i < end) {
                discarding = false;
            }
            return i < end ? i + 1 : end;
        }
        if (lineLen + n > limits.maxLineLength()) {
            lineLen = 0;
            discarding = i >= end;
            skipped(n);
            lineTooLong();
            return i < end ? i + 1 : end;
        }
        if (i >= end) {
            appendLine(b, p, n);
            return end;
        }
        cursorSeq = seqBase + i + 1;
        if (lineLen == 0) {
            onLine(b, p, stripCr(b, p, n));
        } else {
            appendLine(b, p, n);
            int l = lineLen;
            lineLen = 0;
            onLine(line, 0, stripCr(line, 0, l));
        }
        return i + 1;
    }

    private static int stripCr(byte[] b, int o, int l) {
        return l > 0 && b[o + l - 1] == '\r' ? l - 1 : l;
    }

    private void appendLine(byte[] b, int p, int n) {
        if (line == null || lineLen + n > line.length) {
            int size = Math.max(INITIAL_LINE, Math.max(lineLen + n, line == null ? 0 : line.length * 2));
            size = Math.min(size, limits.maxLineLength() + 2);
            limits.budget().add(size - (line == null ? 0 : line.length));
            line = line == null ? new byte[size] : Arrays.copyOf(line, size);
        }
        System.arraycopy(b, p, line, lineLen, n);
        lineLen += n;
    }

    private void releaseLine() {
        if (line != null) {
            limits.budget().release(line.length);
            line = null;
        }
        lineLen = 0;
    }

    private void onLine(byte[] b, int o, int l) {
        switch (state) {
            case START, SCAN -> startLine(b, o, l, true);
            case HEADERS -> headerLine(b, o, l, false);
            case TRAILERS -> headerLine(b, o, l, true);
            case CHUNK_SIZE -> chunkSizeLine(b, o, l);
            case CHUNK_END -> {
                if (l == 0) {
                    state = State.CHUNK_SIZE;
                } else {
                    abortMalformed("bad_chunk_terminator");
                    startLine(b, o, l, false);
                }
            }
            default -> throw new IllegalStateException("no lines in " + state);
        }
    }

    // ---- start lines -------------------------------------------------------------------------

    private void startLine(byte[] b, int o, int l, boolean firstLook) {
        if (l == 0 && state == State.START) {
            return; // RFC 9112 §2.2: empty lines before a start line are ignored
        }
        int role = listener.role(direction);
        if (role != 0 && StartLines.isHttp2Preface(b, o, l)) {
            if (role == -1) {
                listener.onRoleDetected(direction, true);
            }
            limits.metrics().h2PriorKnowledge();
            listener.onProtocolSwitch();
            return;
        }
        // a mid-stream pick-up lands anywhere: only a stream whose role is known must start cleanly
        boolean strict = state == State.START && role != -1;
        int at;
        boolean isRequest = role == 1;
        if (role == 1) {
            at = strict ? (StartLines.requestLine(b, o, l) > 0 ? 0 : -1) : StartLines.findRequestLine(b, o, l);
        } else if (role == 0) {
            at = strict ? (StartLines.statusLine(b, o, l) ? 0 : -1) : StartLines.findStatusLine(b, o, l);
        } else {
            at = StartLines.findRequestLine(b, o, l);
            isRequest = at >= 0;
            if (at < 0) {
                at = StartLines.findStatusLine(b, o, l);
            }
        }
        boolean malformedStart = false;
        if (at < 0 && strict && role == 1 && StartLines.malformedRequestLine(b, o, l) > 0) {
            at = 0;
            malformedStart = true;
            limits.metrics().httpError("bad_request_line");
        }
        if (at < 0) {
            if (strict) {
                limits.metrics().httpError("bad_start_line");
                lostFraming(false);
                if (firstLook) {
                    startLine(b, o, l, false);
                }
                return;
            }
            skipped(l + 1);
            if (role == -1) {
                detectBytes += l + 1;
                if (detectBytes > limits.maxDetectBytes()) {
                    limits.metrics().skippedNotHttp(detectBytes);
                    stop();
                }
            }
            return;
        }
        if (role == -1) {
            listener.onRoleDetected(direction, isRequest);
        }
        if (at > 0) {
            skipped(at);
        }
        if (lineTailOffset > 0 && at >= lineTailOffset) {
            lineMicros = lineTailMicros;
        }
        if (at > 0) {
            // found after other bytes on the same line: its own first segment is unknown when the line
            // spanned several; the segment completing the start line carries the acknowledgement the
            // sender had when writing it, which is what pairing after a gap relies on
            lineAck = curAck;
            lineHasAck = curHasAck;
        }
        if (msg == null) {
            msg = new MessageBuilder(limits);
        }
        msg.start(isRequest, lineMicros, lineAck, lineHasAck, l - at);
        String text = new String(b, o + at, l - at, StandardCharsets.ISO_8859_1);
        if (malformedStart) {
            msg.flag(ExchangeFlag.MALFORMED);
            String[] parts = text.split(" ", 3);
            msg.requestLine(parts[0], parts.length > 1 ? parts[1] : "", parts.length > 2 ? parts[2] : "HTTP/0.9");
        } else if (isRequest) {
            int sp1 = text.indexOf(' ');
            int sp2 = text.lastIndexOf(' ');
            msg.requestLine(text.substring(0, sp1), text.substring(sp1 + 1, sp2), text.substring(sp2 + 1));
        } else {
            msg.statusLine(text.substring(0, 8), Integer.parseInt(text.substring(9, 12)),
                    text.length() > 13 ? text.substring(13) : "");
        }
        state = State.HEADERS;
    }

    // ---- headers, framing, chunks -----------------------------------------------------------

    private void headerLine(byte[] b, int o, int l, boolean trailer) {
        if (l == 0) {
            if (trailer) {
                complete();
            } else {
                endOfHeaders();
            }
            return;
        }
        String breach = msg.field(b, o, l, trailer);
        if (breach != null) {
            abortMalformed(breach);
        }
    }

    /** RFC 9112 §6.3: how the body of the message whose header section just ended is delimited. */
    private void endOfHeaders() {
        List<String> te = msg.transferCodings();
        if (msg.request()) {
            if (!te.isEmpty()) {
                if (!msg.values("content-length").isEmpty()) {
                    limits.metrics().httpError("transfer_encoding_with_content_length");
                }
                if ("chunked".equals(te.get(te.size() - 1))) {
                    startBody(State.CHUNK_SIZE, -1);
                } else {
                    abortMalformed("bad_transfer_encoding");
                }
                return;
            }
            long cl = contentLength();
            if (cl >= ContentLength.ABSENT) {
                startFixed(cl);
            }
            return;
        }
        int status = msg.status();
        if (status >= 100 && status < 200 && status != 101) {
            msg.interim();
            limits.metrics().informational();
            state = State.START;
            return;
        }
        if (status == 101) {
            if (msg.first("upgrade").toLowerCase(Locale.ROOT).contains("h2c")) {
                limits.metrics().h2cUpgrade();
            }
            upgrade();
            return;
        }
        String requestMethod = listener.pendingRequestMethod();
        if ("CONNECT".equalsIgnoreCase(requestMethod) && status >= 200 && status < 300) {
            upgrade();
            return;
        }
        if ("HEAD".equalsIgnoreCase(requestMethod) || status == 204 || status == 304) {
            complete();
            return;
        }
        if (!te.isEmpty()) {
            startBody("chunked".equals(te.get(te.size() - 1)) ? State.CHUNK_SIZE : State.BODY_CLOSE, -1);
            return;
        }
        long cl = contentLength();
        if (cl == ContentLength.ABSENT) {
            startBody(State.BODY_CLOSE, -1);
        } else if (cl >= 0) {
            startFixed(cl);
        }
    }

    private void upgrade() {
        msg.flag(ExchangeFlag.UPGRADED);
        limits.metrics().upgraded();
        complete();
        listener.onProtocolSwitch();
    }

    /** The Content-Length, ABSENT, or a value below ABSENT after aborting the message as malformed. */
    private long contentLength() {
        long cl = ContentLength.parse(msg.values("content-length"));
        if (cl == ContentLength.INVALID) {
            abortMalformed("bad_content_length");
        } else if (cl == ContentLength.CONFLICT) {
            abortMalformed("content_length_conflict");
        }
        return cl;
    }

    private void startFixed(long cl) {
        if (cl <= 0) {
            complete();
            return;
        }
        remaining = cl;
        startBody(State.BODY_FIXED, cl);
    }

    private void startBody(State bodyState, long expected) {
        expectedBody = expected;
        msg.body();
        state = bodyState;
    }

    private void chunkSizeLine(byte[] b, int o, int l) {
        long size = 0;
        int i = 0;
        while (i < l) {
            int d = Character.digit(b[o + i], 16);
            if (d < 0) {
                break;
            }
            size = size * 16 + d;
            if (size > MAX_CHUNK) {
                abortMalformed("bad_chunk_size");
                return;
            }
            i++;
        }
        // after the digits: optional whitespace, then ';' chunk extensions (ignored), or nothing
        int j = i;
        while (j < l && (b[o + j] == ' ' || b[o + j] == '\t')) {
            j++;
        }
        if (i == 0 || (j < l && b[o + j] != ';')) {
            abortMalformed("bad_chunk_size");
            return;
        }
        if (size == 0) {
            state = State.TRAILERS;
        } else {
            remaining = size;
            state = State.CHUNK_DATA;
        }
    }

    // ---- message end ------------------------------------------------------------------------

    private void complete() {
        boolean opensTunnel = msg.opensTunnel();
        boolean isRequest = msg.request();
        HttpMessage m = msg.build(curMicros, cursorSeq);
        msg = null;
        remaining = 0;
        releaseLine();
        state = State.START;
        if (isRequest) {
            limits.metrics().request();
        } else {
            limits.metrics().response();
        }
        listener.onMessage(direction, m);
        if (opensTunnel && state == State.START) {
            // the bytes that follow belong to the tunnel if the server agrees: scan (no error counted)
            // until it answers; a refusal lets the next request line through
            state = State.SCAN;
        }
    }

    private boolean inMessage() {
        return state == State.HEADERS || state == State.BODY_FIXED || state == State.CHUNK_SIZE
                || state == State.CHUNK_DATA || state == State.CHUNK_END || state == State.TRAILERS
                || state == State.BODY_CLOSE;
    }

    /** Emits what the current message holds, flagged malformed, and rescans for the next start. */
    private void abortMalformed(String why) {
        limits.metrics().httpError(why);
        if (inMessage()) {
            msg.flag(ExchangeFlag.MALFORMED);
            complete();
        }
        lostFraming(false);
    }

    private void lineTooLong() {
        if (state == State.SCAN) {
            return;
        }
        limits.metrics().httpError("line_too_long");
        if (inMessage()) {
            msg.flag(ExchangeFlag.MALFORMED);
            complete();
        }
        lostFraming(false);
    }

    /**
     * Framing is gone: scan for the next message start. Only a gap can have swallowed whole messages,
     * so only a gap makes the connection distrust pairing by order; malformed input was emitted.
     */
    private void lostFraming(boolean gap) {
        if (state == State.IGNORE) {
            return;
        }
        state = State.SCAN;
        limits.metrics().resync();
        if (gap) {
            listener.onFramingLost(direction);
        }
    }

    private void skipped(long n) {
        if (n > 0 && listener.role(direction) != -1) {
            limits.metrics().skippedResync(n);
        }
    }

    @Override
    public void onGap(int len, GapReason why, long micros) {
        if (why == GapReason.TRUNCATED_CAPTURE && inMessage()) {
            msg.flag(ExchangeFlag.CAPTURE_TRUNCATED);
        }
        lineLen = 0;
        discarding = false;
        switch (state) {
            case IGNORE -> { }
            case SCAN -> listener.onFramingLost(direction);
            case BODY_FIXED, CHUNK_DATA -> {
                msg.flag(ExchangeFlag.GAP);
                cursorSeq += (int) Math.min(len, remaining);
                if (len < remaining) {
                    msg.body().gap(len);
                    remaining -= len;
                    return;
                }
                msg.body().gap(remaining);
                boolean exact = len == remaining;
                remaining = 0;
                if (state == State.CHUNK_DATA) {
                    if (exact) {
                        state = State.CHUNK_END;
                        return;
                    }
                    msg.flag(ExchangeFlag.PARTIAL);
                } else if (exact) {
                    complete();
                    return;
                }
                complete();
                lostFraming(true);
            }
            case BODY_CLOSE -> {
                msg.flag(ExchangeFlag.GAP);
                msg.body().gap(len);
            }
            case START -> lostFraming(true);
            default -> {
                msg.flag(ExchangeFlag.GAP);
                msg.flag(ExchangeFlag.PARTIAL);
                complete();
                lostFraming(true);
            }
        }
    }

    @Override
    public void onEnd(long micros) {
        curMicros = lastDataMicros == 0 ? micros : lastDataMicros;
        if (state == State.BODY_CLOSE) {
            complete();
        } else if (inMessage()) {
            msg.flag(ExchangeFlag.PARTIAL);
            complete();
        }
        releaseAll();
        state = State.IGNORE;
    }
}
