package io.periscope.reassembly.redact;

import io.periscope.events.http.Credential;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;

/**
 * The first pass of {@link JsonBodyRewriter} read straight from the body's bytes: it walks the document, judges every
 * value as the Jackson pass would, and stops at the first value that changes. A value whose field name is no
 * credential's and whose characters pass {@link InertValues.TextTest#holdsForValue} is judged without building it as a string; only the
 * others are built and go through {@link ValueRedactor} and {@link TextRedactor}, with the same name and JSON pointer
 * the Jackson pass gives them. No parser, no token objects, no per-value lookups in a shared map: most bodies carry
 * nothing to redact, and this pass is then the whole cost of their redaction.
 *
 * <p>It reads only what it can prove Jackson reads the same way: strict JSON (RFC 8259 numbers, the JSON escapes,
 * well-formed UTF-8, one root value), field names without escapes, nesting to the parser's bound or
 * {@link #MAX_DEPTH}. At anything else
 * (a cut body, malformed JSON, an escaped name, an escaped value that must be judged) it stops, with every token
 * before that point judged and found unchanged, and the Jackson pass goes on from that token: a decision is never
 * made twice and never skipped. Tokens are counted as Jackson counts them (structure, field names, values), so the
 * rewriting pass can copy the first ones without judging them again.
 *
 * <p>Used only when no user-defined sensitive type is masked (such a type may match any value, so every value is
 * judged in the Jackson pass). One instance per worker thread. {@code InertValuesTest} holds this pass against the
 * Jackson pass on random, cut and hostile documents.
 */
final class JsonBytesJudge {
    /** Deeper documents are left to the Jackson pass (and its configured bound): real bodies nest far less. */
    static final int MAX_DEPTH = 64;
    /** Longer numbers are left to the Jackson pass, which enforces its own length limit. */
    private static final int MAX_NUMBER = 100;
    /** Longer field names are left to the Jackson pass (it bounds names too); real names are short. */
    private static final int MAX_NAME = 256;

    /** What the pass found. */
    enum Outcome {
        /** The whole document parsed and nothing changes: it is published as it came. */
        UNCHANGED,
        /** {@link #tokens()} tokens are unchanged and the next one becomes {@link #change()}. */
        CHANGED,
        /** {@link #tokens()} tokens are unchanged; the pass cannot read the next one: the Jackson pass goes on. */
        STOPPED
    }

    private final ValueRedactor values;
    private final TextRedactor text;
    private final NameTable names;
    private final Supplier<String> pointer = this::pointer;
    private final InertValues.TextTest inert = new InertValues.TextTest();
    /** The nesting this pass reads: the parser's bound, at most {@link #MAX_DEPTH}. */
    private final int maxDepth;

    // the document being judged
    private byte[] in;
    private int pos;
    private long tokens;
    private String change;

    // the open containers, outermost first: an array's element index, an object's current field name
    private final boolean[] isArray = new boolean[MAX_DEPTH];
    private final int[] index = new int[MAX_DEPTH];
    private final String[] name = new String[MAX_DEPTH];
    private final CredentialKind[] kind = new CredentialKind[MAX_DEPTH];
    private int depth;

    JsonBytesJudge(ValueRedactor values, TextRedactor text, int parserMaxDepth) {
        this.values = values;
        this.maxDepth = Math.min(MAX_DEPTH, parserMaxDepth);
        this.text = text;
        this.names = new NameTable(values.names());
    }

    long tokens() {
        return tokens;
    }

    String change() {
        return change;
    }

    /** Judges {@code content} up to its first change; see {@link Outcome}. */
    Outcome judge(MessageRedactions message, byte[] content) {
        in = content;
        pos = 0;
        tokens = 0;
        change = null;
        depth = 0;
        try {
            return walk(message);
        } finally {
            in = null;
            for (int i = 0; i < MAX_DEPTH; i++) {
                name[i] = null; // no field name outlives its body
            }
        }
    }

    private Outcome walk(MessageRedactions message) {
        skipSpace();
        if (pos >= in.length) {
            return Outcome.STOPPED; // empty: the Jackson pass says what that means
        }
        // each turn reads one value (opening a container counts as reading its start), then what follows it
        while (true) {
            Outcome o = value(message);
            if (o != null) {
                return o;
            }
            // after a value: close containers, or a comma and the next member
            while (true) {
                skipSpace();
                if (depth == 0) {
                    return pos == in.length ? Outcome.UNCHANGED : Outcome.STOPPED; // one root value only
                }
                if (pos >= in.length) {
                    return Outcome.STOPPED; // cut
                }
                byte b = in[pos];
                if (b == ',') {
                    pos++;
                    if (isArray[depth - 1]) {
                        index[depth - 1]++;
                        break;
                    }
                    if (!fieldName()) {
                        return Outcome.STOPPED;
                    }
                    break;
                }
                if (b == (isArray[depth - 1] ? (byte) ']' : (byte) '}')) {
                    pos++;
                    depth--;
                    name[depth] = null;
                    tokens++;
                    continue;
                }
                return Outcome.STOPPED;
            }
        }
    }

    /**
     * Reads one value at {@link #pos} (for a container: its opening, and the first member's name); null when it is
     * unchanged and the walk goes on, else the outcome.
     */
    private Outcome value(MessageRedactions message) {
        skipSpace();
        if (pos >= in.length) {
            return Outcome.STOPPED;
        }
        byte b = in[pos];
        switch (b) {
            case '{', '[' -> {
                if (depth == maxDepth) {
                    return Outcome.STOPPED;
                }
                boolean array = b == '[';
                isArray[depth] = array;
                index[depth] = 0;
                name[depth] = null;
                kind[depth] = null;
                depth++;
                pos++;
                tokens++;
                skipSpace();
                if (pos >= in.length) {
                    return Outcome.STOPPED;
                }
                if (in[pos] == (array ? ']' : '}')) {
                    pos++;
                    depth--;
                    tokens++;
                    return null;
                }
                if (array) {
                    return value(message);
                }
                return fieldName() ? value(message) : Outcome.STOPPED;
            }
            case '"' -> {
                return string(message);
            }
            case 't' -> {
                return literal("true");
            }
            case 'f' -> {
                return literal("false");
            }
            case 'n' -> {
                return literal("null");
            }
            default -> {
                return b == '-' || b >= '0' && b <= '9' ? number(message) : Outcome.STOPPED;
            }
        }
    }

    /** Reads {@code "name" :} at {@link #pos} into the innermost object; false when it cannot. */
    private boolean fieldName() {
        skipSpace();
        if (pos >= in.length || in[pos] != '"') {
            return false;
        }
        int start = pos + 1;
        int end = start;
        int hash = 0; // NameTable.hash, taken on the way
        while (true) {
            if (end >= in.length || end - start > MAX_NAME) {
                return false;
            }
            int c = in[end] & 0xFF;
            if (c == '"') {
                break;
            }
            if (c == '\\' || c < 0x20) {
                return false; // escaped names are rare: the Jackson pass decodes them
            }
            if (c >= 0x80) {
                int n = Utf8.sequence(in, end);
                if (n < 0) {
                    return false;
                }
                for (int i = end; i < end + n; i++) {
                    hash = 31 * hash + in[i];
                }
                end += n;
            } else {
                hash = 31 * hash + c;
                end++;
            }
        }
        pos = end + 1;
        skipSpace();
        if (pos >= in.length || in[pos] != ':') {
            return false;
        }
        pos++;
        int slot = names.slot(in, start, end - start, hash);
        name[depth - 1] = names.name(slot);
        kind[depth - 1] = names.kind(slot);
        tokens++;
        return true;
    }

    private Outcome literal(String word) {
        int n = word.length();
        if (pos + n > in.length) {
            return Outcome.STOPPED;
        }
        for (int i = 0; i < n; i++) {
            if (in[pos + i] != word.charAt(i)) {
                return Outcome.STOPPED;
            }
        }
        if (pos + n < in.length && !endsValue(in[pos + n])) {
            return Outcome.STOPPED;
        }
        pos += n;
        tokens++;
        return null;
    }

    /** A number as RFC 8259 writes it, judged by its characters as {@link JsonBodyRewriter} judges it. */
    private Outcome number(MessageRedactions message) {
        int start = pos;
        int p = pos;
        if (in[p] == '-') {
            p++;
        }
        int intStart = p;
        p = digits(p);
        if (p == intStart || in[intStart] == '0' && p - intStart > 1) {
            return Outcome.STOPPED; // no digits, or a leading zero
        }
        if (p < in.length && in[p] == '.') {
            int f = ++p;
            p = digits(p);
            if (p == f) {
                return Outcome.STOPPED;
            }
        }
        if (p < in.length && (in[p] == 'e' || in[p] == 'E')) {
            p++;
            if (p < in.length && (in[p] == '+' || in[p] == '-')) {
                p++;
            }
            int e = p;
            p = digits(p);
            if (p == e) {
                return Outcome.STOPPED;
            }
        }
        if (p >= in.length || !endsValue(in[p]) || p - start > MAX_NUMBER) {
            return Outcome.STOPPED; // a number at the very end is cut or a root scalar: the Jackson pass reads it
        }
        pos = p;
        CredentialKind k = nameKind();
        if (k == null && InertValues.number(in, start, p)) {
            tokens++;
            return null;
        }
        String v = new String(in, start, p - start, StandardCharsets.ISO_8859_1);
        String r = values.value(message, Credential.Location.BODY, pointer, nameOf(), v);
        return judged(r, v);
    }

    private int digits(int p) {
        while (p < in.length && in[p] >= '0' && in[p] <= '9') {
            p++;
        }
        return p;
    }

    /** A string value: judged on its bytes when inert, else built and judged in full. */
    private Outcome string(MessageRedactions message) {
        int start = pos + 1;
        int p = start;
        inert.reset();
        boolean escaped = false;
        while (true) {
            if (p >= in.length) {
                return Outcome.STOPPED; // cut inside the string
            }
            int c = in[p] & 0xFF;
            if (c == '"') {
                break;
            }
            if (c < 0x20) {
                return Outcome.STOPPED; // Jackson refuses raw control characters
            }
            if (c == '\\') {
                if (p + 1 >= in.length) {
                    return Outcome.STOPPED;
                }
                int e = in[p + 1];
                char decoded;
                switch (e) {
                    case '"' -> decoded = '"';
                    case '\\' -> decoded = '\\';
                    case '/' -> decoded = '/';
                    case 'b' -> decoded = '\b';
                    case 'f' -> decoded = '\f';
                    case 'n' -> decoded = '\n';
                    case 'r' -> decoded = '\r';
                    case 't' -> decoded = '\t';
                    case 'u' -> {
                        int u = hex4(p + 2);
                        if (u < 0) {
                            return Outcome.STOPPED;
                        }
                        decoded = (char) u;
                        p += 4;
                    }
                    default -> {
                        return Outcome.STOPPED;
                    }
                }
                inert.add(decoded);
                escaped = true;
                p += 2;
            } else if (c >= 0x80) {
                int n = Utf8.sequence(in, p);
                if (n < 0) {
                    return Outcome.STOPPED;
                }
                for (int i = 0; i < n; i++) {
                    inert.add('\u00aa'); // a letter per byte: a word or value can only look longer than it is
                }
                p += n;
            } else {
                inert.add((char) c);
                p++;
            }
            if (!inert.holds()) {
                p = plainRun(p); // judged in full anyway: only the end of the string and what Jackson checks matter
            }
        }
        CredentialKind k = nameKind();
        if (k == null && inert.holdsForValue()) {
            pos = p + 1;
            tokens++;
            return null;
        }
        if (escaped) {
            return Outcome.STOPPED; // the Jackson pass decodes it and judges it
        }
        String v = new String(in, start, p - start, StandardCharsets.UTF_8);
        pos = p + 1;
        String r = values.value(message, Credential.Location.BODY, pointer, nameOf(), v);
        if (r == v && JsonBodyRewriter.freeText(v)) {
            r = text.redact(message, v);
        }
        return judged(r, v);
    }

    /** The end of the run of printable ASCII from {@code p} that holds no quote and no backslash. */
    private int plainRun(int p) {
        while (p < in.length) {
            byte b = in[p];
            if (b == '"' || b == '\\' || b < 0x20) { // a negative byte: not ASCII
                return p;
            }
            p++;
        }
        return p;
    }

    private Outcome judged(String r, String v) {
        if (r == v) {
            tokens++;
            return null;
        }
        change = r;
        return Outcome.CHANGED;
    }

    private int hex4(int at) {
        if (at + 4 > in.length) {
            return -1;
        }
        int v = 0;
        for (int i = at; i < at + 4; i++) {
            int d = Character.digit(in[i], 16);
            if (d < 0) {
                return -1;
            }
            v = v * 16 + d;
        }
        return v;
    }

    /** The kind of the name a value is judged under: its field's, or for an array element the nearest field's. */
    private CredentialKind nameKind() {
        for (int d = depth - 1; d >= 0; d--) {
            if (!isArray[d]) {
                return kind[d];
            }
        }
        return null;
    }

    /** That name, as {@link JsonBodyRewriter} finds it; null at the root or in arrays outside any object. */
    private String nameOf() {
        for (int d = depth - 1; d >= 0; d--) {
            if (!isArray[d]) {
                return name[d];
            }
        }
        return null;
    }

    /** The JSON pointer (RFC 6901) of the value being judged, as {@link JsonBodyRewriter} writes it. */
    private String pointer() {
        StringBuilder out = new StringBuilder(32);
        for (int d = 0; d < depth; d++) {
            out.append('/');
            if (isArray[d]) {
                out.append(index[d]);
            } else {
                JsonBodyRewriter.appendPointerToken(out, name[d]);
            }
        }
        return out.toString();
    }

    private void skipSpace() {
        while (pos < in.length) {
            byte b = in[pos];
            if (b != ' ' && b != '\n' && b != '\r' && b != '\t') {
                return;
            }
            pos++;
        }
    }

    /** Whether {@code b} may follow a number or a literal: white space, a comma or a closing bracket. */
    private static boolean endsValue(byte b) {
        return b == ',' || b == '}' || b == ']' || b == ' ' || b == '\n' || b == '\r' || b == '\t';
    }

    /** Strict UTF-8 (RFC 3629): no overlong forms, no surrogates, nothing past U+10FFFF. */
    static final class Utf8 {
        private Utf8() {
        }

        /** The length of the well-formed sequence starting at {@code at}, or -1. */
        static int sequence(byte[] b, int at) {
            int c = b[at] & 0xFF;
            if (c >= 0xC2 && c <= 0xDF) {
                return cont(b, at + 1, 0x80, 0xBF) ? 2 : -1;
            }
            if (c >= 0xE0 && c <= 0xEF) {
                int lo = c == 0xE0 ? 0xA0 : 0x80;
                int hi = c == 0xED ? 0x9F : 0xBF;
                return cont(b, at + 1, lo, hi) && cont(b, at + 2, 0x80, 0xBF) ? 3 : -1;
            }
            if (c >= 0xF0 && c <= 0xF4) {
                int lo = c == 0xF0 ? 0x90 : 0x80;
                int hi = c == 0xF4 ? 0x8F : 0xBF;
                return cont(b, at + 1, lo, hi) && cont(b, at + 2, 0x80, 0xBF) && cont(b, at + 3, 0x80, 0xBF) ? 4 : -1;
            }
            return -1;
        }

        private static boolean cont(byte[] b, int at, int lo, int hi) {
            if (at >= b.length) {
                return false;
            }
            int c = b[at] & 0xFF;
            return c >= lo && c <= hi;
        }
    }
}
