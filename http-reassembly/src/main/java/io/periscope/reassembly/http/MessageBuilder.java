package io.periscope.reassembly.http;

import io.periscope.events.http.Body;
import io.periscope.events.http.ExchangeFlag;
import io.periscope.events.http.Header;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The message a parser is in the middle of: start line, header and trailer fields, body, flags and
 * boundary timestamps. Exists only while a message is in progress (an idle parser holds none), and
 * counts what it holds against the worker's memory budget.
 */
final class MessageBuilder {
    /** Approximate heap cost of a Header record and its two strings beyond the bytes themselves. */
    private static final int HEADER_OVERHEAD = 64;

    private static final long CONTENT_TYPE = HeaderNames.bit("content-type");
    private static final long CONTENT_LENGTH = HeaderNames.bit("content-length");
    private static final long TRANSFER_ENCODING = HeaderNames.bit("transfer-encoding");
    private static final long UPGRADE = HeaderNames.bit("upgrade");
    private static final long CONNECTION = HeaderNames.bit("connection");
    /**
     * Marks in {@link #names} a header name that is no known spelling ({@code CONTENT-LENGTH}, say), which may
     * be any field: every look-up then scans. Shares a bit with some known name, which only costs a scan.
     */
    private static final long UNKNOWN_NAME = -1L;

    private final ParserLimits limits;
    /**
     * The bits ({@link HeaderNames#bit}) of the names among {@link #headers}: a field whose bit is not set is
     * absent, so looking it up needs no scan ({@link #values}, {@link #first}). All set once an unknown
     * spelling was read; the headers of an obs-fold keep their name, so the bits stay right.
     */
    private long names;
    private final EnumSet<ExchangeFlag> flags = EnumSet.noneOf(ExchangeFlag.class);
    private boolean request;
    private String method;
    private String target;
    private String version;
    private int status;
    private String reason;
    private ArrayList<Integer> informational;
    private ArrayList<Header> headers;
    private ArrayList<Header> trailers;
    private long firstMicros;
    private int startAck;
    private boolean startHasAck;
    private int headerBytes;
    private long accountedBytes;
    private BodyBuffer body;

    MessageBuilder(ParserLimits limits) {
        this.limits = limits;
    }

    /** A start line was found; after an interim response the informational statuses and flags carry over. */
    void start(boolean isRequest, long micros, int ack, boolean hasAck, int startLineBytes) {
        request = isRequest;
        firstMicros = micros;
        startAck = ack;
        startHasAck = hasAck;
        headers = new ArrayList<>(16);
        names = 0;
        headerBytes = startLineBytes;
        status = 0;
        reason = null;
        method = null;
        target = null;
    }

    /**
     * The start line {@code b[o..o+l)}, already recognized: a request line, a status line, or (when
     * {@code malformed}) a line that only reads as a request, split on its first two spaces and
     * flagging the message. Read from the bytes: the method, version and common reason phrases are
     * shared strings, only the target (and an uncommon reason) is copied.
     */
    void startLine(byte[] b, int o, int l, boolean malformed) {
        if (malformed) {
            flags.add(ExchangeFlag.MALFORMED);
            String[] parts = new String(b, o, l, StandardCharsets.ISO_8859_1).split(" ", 3);
            method = parts[0];
            target = parts.length > 1 ? parts[1] : "";
            version = parts.length > 2 ? parts[2] : "HTTP/0.9";
        } else if (request) {
            int sp1 = o;
            while (b[sp1] != ' ') {
                sp1++;
            }
            int sp2 = o + l - 1;
            while (b[sp2] != ' ') {
                sp2--;
            }
            method = StartLines.method(b, o, sp1 - o);
            target = new String(b, sp1 + 1, sp2 - sp1 - 1, StandardCharsets.ISO_8859_1);
            version = StartLines.version(b, sp2 + 1);
        } else {
            version = StartLines.version(b, o);
            status = (b[o + 9] - '0') * 100 + (b[o + 10] - '0') * 10 + (b[o + 11] - '0');
            reason = l > 13 ? StartLines.reason(status, b, o + 13, l - 13) : "";
        }
    }

    boolean request() {
        return request;
    }

    int status() {
        return status;
    }

    void flag(ExchangeFlag f) {
        flags.add(f);
    }

    /**
     * One header or trailer line (never empty).
     *
     * @return null when taken (or skipped as invalid, counted and flagged), else the limit it breached,
     *         which ends the message
     */
    HttpError field(byte[] b, int o, int l, boolean trailer) {
        headerBytes += l + 2;
        if (headerBytes > limits.maxHeaderBytes()) {
            return HttpError.HEADER_SECTION_TOO_LARGE;
        }
        List<Header> list = trailer ? trailers() : headers;
        if (b[o] == ' ' || b[o] == '\t') {
            // obs-fold (RFC 9112 §5.2): replaced by a single space, continuing the previous field
            if (list.isEmpty()) {
                invalid(HttpError.BAD_HEADER);
                return null;
            }
            Header last = list.remove(list.size() - 1);
            String more = new String(b, o, l, StandardCharsets.ISO_8859_1).trim();
            list.add(new Header(last.name(), last.value() + " " + more));
            account(l);
            return null;
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
            invalid(HttpError.BAD_HEADER);
            return null;
        }
        if (nameEnd > 0) {
            // "Name : value": RFC 9112 §5.1 forbids it (a smuggling and evasion vector), yet clients accept
            // it, so the field counts as written without the whitespace; the message is flagged
            invalid(HttpError.WHITESPACE_BEFORE_COLON);
        }
        if (list.size() >= limits.maxHeaderCount()) {
            return HttpError.TOO_MANY_HEADERS;
        }
        int vs = colon + 1;
        int ve = l;
        while (vs < ve && (b[o + vs] == ' ' || b[o + vs] == '\t')) {
            vs++;
        }
        while (ve > vs && (b[o + ve - 1] == ' ' || b[o + ve - 1] == '\t')) {
            ve--;
        }
        int nameLength = nameEnd > 0 ? nameEnd : colon;
        int known = HeaderNames.find(b, o, nameLength);
        if (!trailer) {
            long bit = HeaderNames.bit(nameLength, known);
            names |= bit != 0 ? bit : UNKNOWN_NAME;
        }
        list.add(new Header(HeaderNames.name(b, o, nameLength, known),
                new String(b, o + vs, ve - vs, StandardCharsets.ISO_8859_1)));
        account(l);
        return null;
    }

    private void invalid(HttpError error) {
        limits.metrics().httpError(error.tag());
        flags.add(ExchangeFlag.MALFORMED);
    }

    private void account(int lineBytes) {
        // a partial message's fields are state too: counted against the worker's memory budget
        int cost = lineBytes + HEADER_OVERHEAD;
        accountedBytes += cost;
        limits.budget().add(cost);
    }

    private List<Header> trailers() {
        if (trailers == null) {
            trailers = new ArrayList<>(2);
        }
        return trailers;
    }

    /** The response just parsed was interim (1xx): keep its status, drop its fields, await the next. */
    void interim() {
        if (informational == null) {
            informational = new ArrayList<>(2);
        }
        informational.add(status);
        releaseFields();
        headers = null;
    }

    BodyBuffer body() {
        if (body == null) {
            body = new BodyBuffer(captureCap(), limits.budget());
        }
        return body;
    }

    /**
     * Bytes of this message's body to capture: up to the scan limit for a body that may be JSON (JSON media type, or
     * untyped, or compressed: its decoded form may be JSON), whose sensitive values are judged past the published
     * cap; up to the published cap for any other, which is only scanned as far as it is published.
     */
    private int captureCap() {
        if (limits.maxScanBytes() <= limits.maxBodyBytes() || headers == null) {
            return limits.maxBodyBytes();
        }
        String ct = first("content-type", CONTENT_TYPE); // "" when absent
        int semi = ct.indexOf(';');
        String media = (semi < 0 ? ct : ct.substring(0, semi)).trim().toLowerCase(Locale.ROOT);
        return media.isEmpty() || Body.isJsonMediaType(media) ? limits.maxScanBytes() : limits.maxBodyBytes();
    }

    /** Transfer codings of all Transfer-Encoding fields, lower-cased, in order. */
    List<String> transferCodings() {
        List<String> out = List.of();
        List<String> fields = values("transfer-encoding", TRANSFER_ENCODING);
        for (int i = 0; i < fields.size(); i++) { // indexed: iterating the shared empty list allocates an iterator
            String v = fields.get(i);
            for (String part : v.split(",")) {
                String t = part.trim().toLowerCase(Locale.ROOT);
                if (!t.isEmpty()) {
                    if (out.isEmpty()) {
                        out = new ArrayList<>(2);
                    }
                    out.add(t);
                }
            }
        }
        return out;
    }

    /** Every Content-Length value, in order. */
    List<String> contentLengths() {
        return values("content-length", CONTENT_LENGTH);
    }

    private List<String> values(String name, long bit) {
        List<String> out = List.of();
        if ((names & bit) == 0) {
            return out;
        }
        for (int i = 0; i < headers.size(); i++) { // indexed: no iterator per look-up
            Header h = headers.get(i);
            if (h.name().equalsIgnoreCase(name)) {
                if (out.isEmpty()) {
                    out = new ArrayList<>(1);
                }
                out.add(h.value());
            }
        }
        return out;
    }

    /** The first value of the known header {@code name} (lower case), "" when absent. */
    String first(String name) {
        return first(name, HeaderNames.bit(name));
    }

    private String first(String name, long bit) {
        if ((names & bit) == 0) {
            return "";
        }
        for (int i = 0; i < headers.size(); i++) {
            Header h = headers.get(i);
            if (h.name().equalsIgnoreCase(name)) {
                return h.value();
            }
        }
        return "";
    }

    /** A request after which the client's bytes may belong to a tunnel (CONNECT, or an upgrade request). */
    boolean opensTunnel() {
        return request && ("CONNECT".equalsIgnoreCase(method)
                || (!first("upgrade", UPGRADE).isEmpty()
                && first("connection", CONNECTION).toLowerCase(Locale.ROOT).contains("upgrade")));
    }

    /** The finished message; everything this builder held is handed over or released. */
    HttpMessage build(long lastMicros, int endSeq) {
        long length = body == null ? 0 : body.length();
        boolean bodyComplete = (body == null || body.complete()) && !flags.contains(ExchangeFlag.PARTIAL);
        byte[] content = body == null ? new byte[0] : body.take();
        body = null;
        releaseFields();
        Set<ExchangeFlag> f = flags.isEmpty() ? Set.of() : EnumSet.copyOf(flags);
        return new HttpMessage(request, method, target, version, status, reason,
                informational == null ? List.of() : informational,
                headers == null ? List.of() : headers,
                trailers == null ? List.of() : trailers,
                content, length, bodyComplete, firstMicros, Math.max(lastMicros, firstMicros), startAck, startHasAck,
                endSeq, f);
    }

    /** Abandons the message, releasing what it held. */
    void discard() {
        if (body != null) {
            body.take();
            body = null;
        }
        releaseFields();
    }

    private void releaseFields() {
        limits.budget().release(accountedBytes);
        accountedBytes = 0;
    }
}
