package io.periscope.reassembly.http;

import io.periscope.events.http.ExchangeFlag;
import io.periscope.reassembly.tcp.GapReason;
import io.periscope.reassembly.tcp.StreamConsumer;

/**
 * HTTP/1.x parser of one direction of a connection, an explicit state machine fed by the TCP
 * reassembly (bytes in order, gaps explicit). {@link ParserState} draws the machine and documents
 * each state; this class only moves between them.
 *
 * <p>SCAN looks for a request line (or status line) anywhere in a line, so a stream resumes after a
 * gap at the next message start; while the direction's role is unknown (mid-stream pick-up) SCAN
 * accepts either and tells the connection, which orients itself. How a body is delimited is
 * decided by {@link BodyFraming}; a line that spans segments is kept by {@link LineBuffer}; the
 * message in progress is collected by {@link MessageBuilder}.
 */
public final class HttpStreamParser implements StreamConsumer {
    private final int direction;
    private final MessageListener listener;
    private final ParserLimits limits;
    private final LineBuffer line;

    private ParserState state = ParserState.START;
    // the current segment
    private long curMicros;
    private int cursorSeq;
    private long lastDataMicros;
    /** Bytes read without finding a message start while the role is unknown (gives up past maxDetectBytes). */
    private long detectBytes;
    // the current message: null between messages
    private MessageBuilder msg;
    /** Bytes left in a Content-Length body or the current chunk. */
    private long remaining;

    public HttpStreamParser(int direction, MessageListener listener, ParserLimits limits) {
        this.direction = direction;
        this.listener = listener;
        this.limits = limits;
        this.line = new LineBuffer(limits);
    }

    @Override
    public boolean wantsData() {
        return state != ParserState.IGNORE;
    }

    /** Stops parsing for good (protocol switch). */
    public void stop() {
        if (state != ParserState.IGNORE) {
            releaseAll();
            state = ParserState.IGNORE;
        }
    }

    /** Gives back every buffer this parser holds (the message in progress, if any, is abandoned). */
    private void releaseAll() {
        line.release();
        if (msg != null) {
            msg.discard();
            msg = null;
        }
    }

    @Override
    public void onData(byte[] b, int off, int len, int seq, int ack, boolean hasAck, long micros) {
        curMicros = micros;
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
                    msg.body().append(b, p, n);
                    remaining -= n;
                    p += n;
                    if (remaining == 0) {
                        cursorSeq = seqBase + p;
                        if (state == ParserState.BODY_FIXED) {
                            complete();
                        } else {
                            state = ParserState.CHUNK_END;
                        }
                    }
                }
                case BODY_CLOSE -> {
                    msg.body().append(b, p, end - p);
                    p = end;
                    cursorSeq = seqBase + p;
                }
                default -> p = consumeLine(b, p, end, seqBase, ack, hasAck);
            }
        }
    }

    /** Reads up to the end of the current line (or of the segment); returns where reading stopped. */
    private int consumeLine(byte[] b, int p, int end, int seqBase, int ack, boolean hasAck) {
        line.enterSegment(curMicros, ack, hasAck);
        int i = p;
        while (i < end && b[i] != '\n') {
            i++;
        }
        int n = i - p;
        boolean endSeen = i < end;
        int next = endSeen ? i + 1 : end;
        if (line.discarding()) {
            skipped(n + (endSeen ? 1 : 0));
            if (endSeen) {
                line.stopDiscarding();
            }
            return next;
        }
        if (!line.fits(n)) {
            line.overflow(endSeen);
            skipped(n);
            if (state != ParserState.SCAN) { // while scanning, long lines are merely not a message start
                abortMalformed(HttpError.LINE_TOO_LONG);
            }
            return next;
        }
        if (!endSeen) {
            line.append(b, p, n);
            return end;
        }
        cursorSeq = seqBase + next;
        if (line.isEmpty()) {
            onLine(b, p, LineBuffer.stripCr(b, p, n));
        } else {
            line.append(b, p, n);
            int l = line.take();
            byte[] whole = line.array();
            onLine(whole, 0, LineBuffer.stripCr(whole, 0, l));
        }
        return next;
    }

    private void onLine(byte[] b, int o, int l) {
        switch (state) {
            case START, SCAN -> startLine(b, o, l, true);
            case HEADERS -> headerLine(b, o, l, false);
            case TRAILERS -> headerLine(b, o, l, true);
            case CHUNK_SIZE -> chunkSizeLine(b, o, l);
            case CHUNK_END -> {
                if (l == 0) {
                    state = ParserState.CHUNK_SIZE;
                } else {
                    abortMalformed(HttpError.BAD_CHUNK_TERMINATOR);
                    startLine(b, o, l, false);
                }
            }
            default -> throw new IllegalStateException("no lines in " + state);
        }
    }

    // ---- start lines -------------------------------------------------------------------------

    private void startLine(byte[] b, int o, int l, boolean firstLook) {
        if (l == 0 && state == ParserState.START) {
            return; // RFC 9112 §2.2: empty lines before a start line are ignored
        }
        Role role = listener.role(direction);
        if (role != Role.RESPONSES && StartLines.isHttp2Preface(b, o, l)) {
            if (role == Role.UNKNOWN) {
                listener.onRoleDetected(direction, true);
            }
            limits.metrics().h2PriorKnowledge();
            listener.onProtocolSwitch();
            return;
        }
        // a mid-stream pick-up lands anywhere: only a stream whose role is known must start cleanly
        boolean strict = state == ParserState.START && role != Role.UNKNOWN;
        StartLines.Match start = StartLines.find(role, strict, b, o, l);
        if (start == null) {
            noStartLine(b, o, l, firstLook, strict, role);
            return;
        }
        if (start.malformed()) {
            limits.metrics().httpError(HttpError.BAD_REQUEST_LINE.tag());
        }
        if (role == Role.UNKNOWN) {
            listener.onRoleDetected(direction, start.request());
        }
        int at = start.at();
        if (at > 0) {
            skipped(at);
        }
        line.messageStartsAt(at);
        if (msg == null) {
            msg = new MessageBuilder(limits);
        }
        msg.start(start.request(), line.startMicros(), line.startAck(), line.startHasAck(), l - at);
        msg.startLine(b, o + at, l - at, start.malformed());
        state = ParserState.HEADERS;
    }

    /** A line that holds no message start: framing is lost where one was due, else the line is skipped. */
    private void noStartLine(byte[] b, int o, int l, boolean firstLook, boolean strict, Role role) {
        if (strict) {
            limits.metrics().httpError(HttpError.BAD_START_LINE.tag());
            lostFraming(false);
            if (firstLook) {
                startLine(b, o, l, false);
            }
            return;
        }
        skipped(l + 1);
        if (role == Role.UNKNOWN) {
            detectBytes += l + 1;
            if (detectBytes > limits.maxDetectBytes()) {
                limits.metrics().skippedNotHttp(detectBytes);
                stop();
            }
        }
    }

    // ---- headers, framing, chunks -----------------------------------------------------------

    private void headerLine(byte[] b, int o, int l, boolean trailer) {
        HttpError breach = l == 0 ? null : msg.field(b, o, l, trailer);
        if (breach != null) {
            abortMalformed(breach);
        } else if (l == 0 && trailer) {
            complete();
        } else if (l == 0) {
            endOfHeaders();
        }
    }

    private void endOfHeaders() {
        BodyFraming framing = BodyFraming.of(msg, msg.request() ? null : listener.pendingRequestMethod());
        if (framing.bothLengths()) {
            limits.metrics().httpError(HttpError.TRANSFER_ENCODING_WITH_CONTENT_LENGTH.tag());
        }
        switch (framing.kind()) {
            case NONE -> complete();
            case FIXED -> {
                remaining = framing.length();
                startBody(ParserState.BODY_FIXED, framing.length());
            }
            case CHUNKED -> startBody(ParserState.CHUNK_SIZE, -1);
            case UNTIL_CLOSE -> startBody(ParserState.BODY_CLOSE, -1);
            case INTERIM -> {
                msg.interim();
                limits.metrics().informational();
                state = ParserState.START;
            }
            case SWITCH -> {
                if (BodyFraming.isH2cUpgrade(msg)) {
                    limits.metrics().h2cUpgrade();
                }
                msg.flag(ExchangeFlag.UPGRADED);
                limits.metrics().upgraded();
                complete();
                listener.onProtocolSwitch();
            }
            case MALFORMED -> abortMalformed(framing.error());
        }
    }

    private void startBody(ParserState bodyState, long expected) {
        msg.body().expect(expected);
        state = bodyState;
    }

    private void chunkSizeLine(byte[] b, int o, int l) {
        long size = BodyFraming.chunkSize(b, o, l);
        if (size < 0) {
            abortMalformed(HttpError.BAD_CHUNK_SIZE);
        } else if (size == 0) {
            state = ParserState.TRAILERS;
        } else {
            remaining = size;
            state = ParserState.CHUNK_DATA;
        }
    }

    // ---- message end ------------------------------------------------------------------------

    private void complete() {
        boolean opensTunnel = msg.opensTunnel();
        boolean isRequest = msg.request();
        HttpMessage m = msg.build(curMicros, cursorSeq);
        msg = null;
        remaining = 0;
        line.release();
        state = ParserState.START;
        if (isRequest) {
            limits.metrics().request();
        } else {
            limits.metrics().response();
        }
        listener.onMessage(direction, m);
        if (opensTunnel && state == ParserState.START) {
            // the bytes that follow belong to the tunnel if the server agrees: scan (no error counted)
            // until it answers; a refusal lets the next request line through
            state = ParserState.SCAN;
        }
    }

    /** Emits what the current message holds, flagged malformed, and rescans for the next start. */
    private void abortMalformed(HttpError why) {
        limits.metrics().httpError(why.tag());
        if (state.inMessage()) {
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
        if (state == ParserState.IGNORE) {
            return;
        }
        state = ParserState.SCAN;
        limits.metrics().resync();
        if (gap) {
            listener.onFramingLost(direction);
        }
    }

    private void skipped(long n) {
        if (n > 0 && listener.role(direction) != Role.UNKNOWN) {
            limits.metrics().skippedResync(n);
        }
    }

    @Override
    public void onGap(int len, GapReason why, long micros) {
        if (why == GapReason.TRUNCATED_CAPTURE && state.inMessage()) {
            msg.flag(ExchangeFlag.CAPTURE_TRUNCATED);
        }
        line.gap();
        switch (state) {
            case IGNORE -> { }
            case SCAN -> listener.onFramingLost(direction);
            case BODY_FIXED, CHUNK_DATA -> gapInCountedBody(len);
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

    /** A gap inside a body of known length: framing survives a gap that ends within the body or at its end. */
    private void gapInCountedBody(int len) {
        long lost = Math.min(len, remaining);
        boolean pastEnd = len > lost;
        msg.flag(ExchangeFlag.GAP);
        msg.body().gap(lost);
        cursorSeq += (int) lost;
        remaining -= lost;
        if (remaining > 0) {
            return;
        }
        if (state == ParserState.CHUNK_DATA && !pastEnd) {
            state = ParserState.CHUNK_END;
            return;
        }
        if (state == ParserState.CHUNK_DATA) {
            msg.flag(ExchangeFlag.PARTIAL); // the chunks after this one went with the gap
        }
        complete();
        if (pastEnd) {
            lostFraming(true);
        }
    }

    @Override
    public void onEnd(long micros) {
        curMicros = lastDataMicros == 0 ? micros : lastDataMicros;
        if (state == ParserState.BODY_CLOSE) {
            complete();
        } else if (state.inMessage()) {
            msg.flag(ExchangeFlag.PARTIAL);
            complete();
        }
        releaseAll();
        state = ParserState.IGNORE;
    }
}
