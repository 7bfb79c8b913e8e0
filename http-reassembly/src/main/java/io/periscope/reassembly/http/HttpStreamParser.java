package io.periscope.reassembly.http;

import io.periscope.events.http.ExchangeFlag;
import io.periscope.events.http.Header;
import io.periscope.reassembly.tcp.GapReason;
import io.periscope.reassembly.tcp.StreamConsumer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
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
    /** Approximate heap cost of a Header record and its two strings beyond the bytes themselves. */
    private static final int HEADER_OVERHEAD = 64;

    private final int direction;
    private final MessageListener listener;
    private final ParserLimits limits;

    private State state = State.START;
    // current line, when it spans segments
    private byte[] line;
    private int lineLen;
    private boolean discarding;
    private long lineMicros;
    private int lineAck;
    private boolean lineHasAck;
    private int lineTailOffset;
    private long lineTailMicros;
    // current segment
    private long curMicros;
    private int curAck;
    private boolean curHasAck;
    private int cursorSeq;
    private long lastDataMicros;
    private long detectBytes;
    // current message
    private boolean request;
    private String method;
    private String target;
    private String version;
    private int status;
    private String reason;
    private ArrayList<Integer> informational;
    private ArrayList<Header> headers;
    private ArrayList<Header> trailers;
    private EnumSet<ExchangeFlag> flags;
    private long firstMicros;
    private int startAck;
    private boolean startHasAck;
    private int headerBytes;
    private long remaining;
    private long expectedBody;
    private BodyBuffer body;
    private long accountedBytes;

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
        if (body != null) {
            body.take();
            body = null;
        }
        limits.budget().release(accountedBytes);
        accountedBytes = 0;
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
                    body.append(b, p, n, expectedBody);
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
                    body.append(b, p, end - p, -1);
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
        int at = -1;
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
        beginMessage(isRequest);
        headerBytes = l - at;
        String text = new String(b, o + at, l - at, StandardCharsets.ISO_8859_1);
        if (malformedStart) {
            flags.add(ExchangeFlag.MALFORMED);
            String[] parts = text.split(" ", 3);
            method = parts[0];
            target = parts.length > 1 ? parts[1] : "";
            version = parts.length > 2 ? parts[2] : "HTTP/0.9";
        } else if (isRequest) {
            int sp1 = text.indexOf(' ');
            int sp2 = text.lastIndexOf(' ');
            method = text.substring(0, sp1);
            target = text.substring(sp1 + 1, sp2);
            version = text.substring(sp2 + 1);
        } else {
            version = text.substring(0, 8);
            status = Integer.parseInt(text.substring(9, 12));
            reason = text.length() > 13 ? text.substring(13) : "";
        }
        state = State.HEADERS;
    }

    private void beginMessage(boolean isRequest) {
        request = isRequest;
        firstMicros = lineMicros;
        startAck = lineAck;
        startHasAck = lineHasAck;
        headers = new ArrayList<>(16);
        if (flags == null) {
            flags = EnumSet.noneOf(ExchangeFlag.class);
        }
        status = 0;
        reason = null;
        method = null;
        target = null;
    }

    // ---- headers and trailers ---------------------------------------------------------------

    private void headerLine(byte[] b, int o, int l, boolean trailer) {
        if (l == 0) {
            if (trailer) {
                complete();
            } else {
                endOfHeaders();
            }
            return;
        }
        headerBytes += l + 2;
        if (headerBytes > limits.maxHeaderBytes()) {
            abortMalformed("header_section_too_large");
            return;
        }
        List<Header> target = trailer ? trailers() : headers;
        if (b[o] == ' ' || b[o] == '\t') {
            // obs-fold (RFC 9112 §5.2): replaced by a single space, continuing the previous field
            if (target.isEmpty()) {
                limits.metrics().httpError("bad_header");
                flags.add(ExchangeFlag.MALFORMED);
                return;
            }
            Header last = target.remove(target.size() - 1);
            String more = new String(b, o, l, StandardCharsets.ISO_8859_1).trim();
            target.add(new Header(last.name(), last.value() + " " + more));
            return;
        }
        int colon = -1;
        int nameEnd = -1;
        for (int i = 0; i < l; i++) {
            byte c = b[o + i];
            if (c == ':') {
                colon = i;
                break;
            }
            if (c == ' ' || c == '\t') {
                if (nameEnd < 0) {
                    nameEnd = i;
                }
            } else if (!StartLines.isTchar(c) || nameEnd >= 0) {
                break;
            }
        }
        if (colon <= 0 || nameEnd == 0) {
            limits.metrics().httpError("bad_header");
            flags.add(ExchangeFlag.MALFORMED);
            return;
        }
        if (nameEnd > 0) {
            // "Name : value": RFC 9112 §5.1 forbids it (a smuggling and evasion vector), yet clients accept
            // it, so the field counts as written without the whitespace; the message is flagged
            limits.metrics().httpError("whitespace_before_colon");
            flags.add(ExchangeFlag.MALFORMED);
        }
        int nameLength = nameEnd > 0 ? nameEnd : colon;
        if (target.size() >= limits.maxHeaderCount()) {
            abortMalformed("too_many_headers");
            return;
        }
        int vs = colon + 1;
        int ve = l;
        while (vs < ve && (b[o + vs] == ' ' || b[o + vs] == '\t')) {
            vs++;
        }
        while (ve > vs && (b[o + ve - 1] == ' ' || b[o + ve - 1] == '\t')) {
            ve--;
        }
        target.add(new Header(new String(b, o, nameLength, StandardCharsets.ISO_8859_1),
                new String(b, o + vs, ve - vs, StandardCharsets.ISO_8859_1)));
        // a partial message's fields are state too: counted against the worker's memory budget
        int cost = l + HEADER_OVERHEAD;
        accountedBytes += cost;
        limits.budget().add(cost);
    }

    private List<Header> trailers() {
        if (trailers == null) {
            trailers = new ArrayList<>(2);
        }
        return trailers;
    }

    private void endOfHeaders() {
        List<String> te = transferCodings();
        if (request) {
            if (!te.isEmpty()) {
                if (hasHeader("content-length")) {
                    limits.metrics().httpError("transfer_encoding_with_content_length");
                }
                if ("chunked".equals(te.get(te.size() - 1))) {
                    startChunked();
                } else {
                    abortMalformed("bad_transfer_encoding");
                }
                return;
            }
            long cl = contentLength();
            if (cl < ContentLength.ABSENT) {
                return;
            }
            startFixed(cl);
            return;
        }
        if (status >= 100 && status < 200 && status != 101) {
            if (informational == null) {
                informational = new ArrayList<>(2);
            }
            informational.add(status);
            limits.metrics().informational();
            limits.budget().release(accountedBytes);
            accountedBytes = 0;
            headers = null;
            headerBytes = 0;
            state = State.START;
            return;
        }
        if (status == 101) {
            if (headerOrEmpty("upgrade").toLowerCase(Locale.ROOT).contains("h2c")) {
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
            if ("chunked".equals(te.get(te.size() - 1))) {
                startChunked();
            } else {
                startClose();
            }
            return;
        }
        long cl = contentLength();
        if (cl < ContentLength.ABSENT) {
            return;
        }
        if (cl == ContentLength.ABSENT) {
            startClose();
        } else {
            startFixed(cl);
        }
    }

    private void upgrade() {
        flags.add(ExchangeFlag.UPGRADED);
        limits.metrics().upgraded();
        complete();
        listener.onProtocolSwitch();
    }

    /** The Content-Length, ABSENT, or a value below ABSENT after aborting the message as malformed. */
    private long contentLength() {
        long cl = ContentLength.parse(headerValuesOf("content-length"));
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
        expectedBody = cl;
        body();
        state = State.BODY_FIXED;
    }

    private void startChunked() {
        expectedBody = -1;
        body();
        state = State.CHUNK_SIZE;
    }

    private void startClose() {
        expectedBody = -1;
        body();
        state = State.BODY_CLOSE;
    }

    private BodyBuffer body() {
        if (body == null) {
            body = new BodyBuffer(limits.maxBodyBytes(), limits.budget());
        }
        return body;
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

    private List<String> transferCodings() {
        List<String> out = List.of();
        for (Header h : headers) {
            if (h.name().equalsIgnoreCase("transfer-encoding")) {
                if (out.isEmpty()) {
                    out = new ArrayList<>(2);
                }
                for (String part : h.value().split(",")) {
                    String t = part.trim().toLowerCase(Locale.ROOT);
                    if (!t.isEmpty()) {
                        out.add(t);
                    }
                }
            }
        }
        return out;
    }

    private boolean hasHeader(String name) {
        for (Header h : headers) {
            if (h.name().equalsIgnoreCase(name)) {
                return true;
            }
        }
        return false;
    }

    private String headerOrEmpty(String name) {
        for (Header h : headers) {
            if (h.name().equalsIgnoreCase(name)) {
                return h.value();
            }
        }
        return "";
    }

    private List<String> headerValuesOf(String name) {
        List<String> out = List.of();
        for (Header h : headers) {
            if (h.name().equalsIgnoreCase(name)) {
                if (out.isEmpty()) {
                    out = new ArrayList<>(1);
                }
                out.add(h.value());
            }
        }
        return out;
    }

    // ---- message end ------------------------------------------------------------------------

    private void complete() {
        long last = curMicros;
        long length = body == null ? 0 : body.length();
        boolean bodyComplete = (body == null || body.complete()) && !flags.contains(ExchangeFlag.PARTIAL);
        byte[] content = body == null ? new byte[0] : body.take();
        body = null; // allocated again by the next message with a body: idle parsers hold no buffer
        HttpMessage m = new HttpMessage(request, method, target, version, status, reason,
                informational == null ? List.of() : informational,
                headers == null ? List.of() : headers,
                trailers == null ? List.of() : trailers,
                content, length, bodyComplete, firstMicros, Math.max(last, firstMicros), startAck, startHasAck,
                cursorSeq, flags.isEmpty() ? java.util.Set.of() : EnumSet.copyOf(flags));
        boolean opensTunnel = request && ("CONNECT".equalsIgnoreCase(method) || hasUpgradeRequest());
        reset();
        if (request) {
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

    private boolean hasUpgradeRequest() {
        return headers != null && hasHeader("upgrade") && headerOrEmpty("connection").toLowerCase(Locale.ROOT).contains("upgrade");
    }

    private void reset() {
        limits.budget().release(accountedBytes);
        accountedBytes = 0;
        headers = null;
        trailers = null;
        informational = null;
        flags = null;
        method = null;
        target = null;
        version = null;
        reason = null;
        status = 0;
        remaining = 0;
        headerBytes = 0;
        releaseLine();
        state = State.START;
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
            flags.add(ExchangeFlag.MALFORMED);
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
            flags.add(ExchangeFlag.MALFORMED);
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
            flags.add(ExchangeFlag.CAPTURE_TRUNCATED);
        }
        lineLen = 0;
        discarding = false;
        switch (state) {
            case IGNORE -> { }
            case SCAN -> listener.onFramingLost(direction);
            case BODY_FIXED, CHUNK_DATA -> {
                flags.add(ExchangeFlag.GAP);
                cursorSeq += (int) Math.min(len, remaining);
                if (len < remaining) {
                    body.gap(len);
                    remaining -= len;
                    return;
                }
                body.gap(remaining);
                boolean exact = len == remaining;
                remaining = 0;
                if (state == State.CHUNK_DATA) {
                    if (exact) {
                        state = State.CHUNK_END;
                        return;
                    }
                    flags.add(ExchangeFlag.PARTIAL);
                } else if (exact) {
                    complete();
                    return;
                }
                complete();
                lostFraming(true);
            }
            case BODY_CLOSE -> {
                flags.add(ExchangeFlag.GAP);
                body.gap(len);
            }
            case START -> lostFraming(true);
            default -> {
                flags.add(ExchangeFlag.GAP);
                flags.add(ExchangeFlag.PARTIAL);
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
            flags.add(ExchangeFlag.PARTIAL);
            complete();
        }
        releaseAll();
        state = State.IGNORE;
    }
}
