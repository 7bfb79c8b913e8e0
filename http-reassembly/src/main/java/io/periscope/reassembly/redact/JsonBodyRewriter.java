package io.periscope.reassembly.redact;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import io.periscope.events.http.Credential;
import io.periscope.reassembly.ReassemblyMetrics;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;

/**
 * Rewrites a JSON body in one streaming pass (Jackson parser to generator; no tree is built): every string and
 * number value goes through {@link ValueRedactor} under its field name (array elements under the array's name),
 * credentials are recorded with the value's JSON pointer, long free-text strings are also scanned as text. The
 * output is valid JSON with the same structure, without the input's insignificant white space.
 *
 * <p>When the document stops parsing (a body cut by the cap or a gap, malformed JSON, nesting deeper than the
 * bound) the output so far is kept, unclosed, and the unparsed rest is scanned by {@link TextRedactor}, named
 * by the last field name seen: a truncated {@code {"password":"hun} still loses its password. One instance
 * per worker thread.
 */
public final class JsonBodyRewriter {
    /** Strings at least this long, or holding white space or quotes, are also scanned as free text. */
    private static final int TEXT_SCAN_LENGTH = 24;
    /** Output buffers up to this size are kept for the next body: most API bodies fit, large ones get their own. */
    private static final int KEPT_OUTPUT_BYTES = 64 * 1024;

    private final JsonFactory factory;
    private final ValueRedactor values;
    private final TextRedactor text;
    private final ReassemblyMetrics metrics;
    /** The first pass on the body's bytes; null when user-defined types are masked (every value is then judged). */
    private final JsonBytesJudge bytes;
    /** The JSON pointer of the current value, built only when a decision records it; one instance, no capture. */
    private final Supplier<String> pointer = this::pointer;
    /** The parser of the body being rewritten (the pointer's source), null between bodies. */
    private JsonParser parser;
    private Output reusable;
    /** Set by {@link #judgeUntilChange}: tokens read unchanged before the first change or the parse failure. */
    private long judgedTokens;
    /** Set by {@link #judgeUntilChange}: the first changed value's replacement, null when parsing stopped first. */
    private String firstChange;

    public JsonBodyRewriter(ValueRedactor values, TextRedactor text, ReassemblyMetrics metrics, int maxDepth) {
        this.values = values;
        this.text = text;
        this.metrics = metrics;
        this.factory = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(maxDepth).build())
                .disable(com.fasterxml.jackson.core.StreamWriteFeature.AUTO_CLOSE_CONTENT)
                .build();
        this.bytes = values.masksCustomTypes() ? null : new JsonBytesJudge(values, text, maxDepth);
    }

    /**
     * The rewritten document; {@code content} itself when nothing changed. Most bodies carry nothing to redact, so
     * a first pass only reads and judges values; the rewriting pass runs from the first value that changes (or the
     * point where parsing stopped), copying the values before it without judging them again: every decision, and
     * the credentials and counts it records, is made once. The first pass reads the bytes ({@link JsonBytesJudge});
     * where that pass cannot read on, the parser's pass goes on from the same token.
     */
    public byte[] rewrite(MessageRedactions message, byte[] content) {
        long judged = 0;
        if (bytes != null) {
            switch (bytes.judge(message, content)) {
                case UNCHANGED -> {
                    return content;
                }
                case CHANGED -> {
                    return write(message, content, bytes.tokens(), bytes.change());
                }
                case STOPPED -> judged = bytes.tokens();
            }
        }
        if (judgeUntilChange(message, content, judged)) {
            return content;
        }
        return write(message, content, judgedTokens, firstChange);
    }

    /**
     * Reads the document and judges its values up to the first one that changes. False, with {@link #judgedTokens}
     * (tokens read before it, every value among them unchanged) and {@link #firstChange} (its replacement), when a
     * value changes; false with a null replacement when parsing stopped after {@code judgedTokens} tokens; true
     * when the whole document parsed and nothing changed. The first {@code judged} tokens were judged already.
     */
    private boolean judgeUntilChange(MessageRedactions message, byte[] content, long judged) {
        long tokens = 0;
        firstChange = null;
        try (JsonParser p = factory.createParser(content)) {
            parser = p;
            JsonToken t;
            while ((t = p.nextToken()) != null) {
                String r = tokens < judged ? null : switch (t) {
                    case VALUE_STRING -> string(message, p);
                    case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> number(message, p);
                    default -> null;
                };
                if (r != null) {
                    firstChange = r;
                    judgedTokens = tokens;
                    return false;
                }
                tokens++;
            }
            return true;
        } catch (IOException e) {
            judgedTokens = tokens; // the rewriting pass stops at the same place and says why
            return false;
        } finally {
            parser = null;
        }
    }

    /**
     * The rewriting pass: the first {@code unchanged} tokens are copied, the next one (when {@code change} is not
     * null) becomes {@code change}, the rest are judged.
     */
    private byte[] write(MessageRedactions message, byte[] content, long unchanged, String change) {
        Output out = output(content.length);
        long tokens = 0;
        String pendingName = null;
        boolean changed = false;
        try (JsonParser p = factory.createParser(content); JsonGenerator g = factory.createGenerator(out)) {
            parser = p;
            try {
                JsonToken t;
                while ((t = p.nextToken()) != null) {
                    if (tokens < unchanged) {
                        copy(t, p, g);
                    } else if (tokens == unchanged && change != null) {
                        g.writeString(change); // a marker is a string, also for a number: the structure stays
                        changed = true;
                    } else {
                        String r = switch (t) {
                            case VALUE_STRING -> string(message, p);
                            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> number(message, p);
                            default -> null;
                        };
                        if (r == null) {
                            copy(t, p, g);
                        } else {
                            g.writeString(r);
                            changed = true;
                        }
                    }
                    // set after the value was read: a string is read lazily and may be the part that is cut
                    pendingName = t == JsonToken.FIELD_NAME ? p.currentName() : null;
                    tokens++;
                }
                g.flush();
                return changed ? out.toByteArray() : content;
            } catch (IOException e) {
                // JsonEOFException: cut; StreamConstraintsException: too deep; others: malformed
                metrics.bodyFallback(e instanceof com.fasterxml.jackson.core.io.JsonEOFException ? "truncated_json"
                        : e instanceof com.fasterxml.jackson.core.exc.StreamConstraintsException ? "too_deep" : "malformed_json");
                g.flush();
            } finally {
                parser = null;
            }
        } catch (IOException e) {
            throw new IllegalStateException("writing to memory cannot fail", e);
        }
        int parsed = parsedLength(content, tokens);
        if (parsed < 0) {
            // the parser read the body as UTF-16 or UTF-32 (zero bytes among the first) and knows no byte offset:
            // the whole body goes to the text pass instead
            out.reset();
            parsed = 0;
            pendingName = null;
        }
        String rest = new String(content, parsed, content.length - parsed, StandardCharsets.UTF_8);
        if (pendingName != null && !rest.stripLeading().startsWith(":")) {
            // the generator writes a name's colon with its value, and the parser had consumed it: write it
            out.write(':');
            if (!rest.isEmpty() && " \t\r\n\"".indexOf(rest.charAt(0)) < 0) {
                // ... and the opening quote of the cut value: give it back, so the text pass reads the rest as
                // that field's quoted value
                rest = '"' + rest;
            }
        }
        out.writeBytes(text.redact(message, rest, pendingName).getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    /**
     * How many bytes of {@code content} the first {@code tokens} tokens span, read as {@link #rewrite} read them
     * (a string to its closing quote), or -1 when the parser knows no byte offset. Re-read on the fallback path only: asking the parser for its location
     * after every token allocates a location object per token, the largest cost of a rewrite.
     */
    private int parsedLength(byte[] content, long tokens) {
        if (tokens == 0) {
            return 0;
        }
        try (JsonParser p = factory.createParser(content)) {
            for (long i = 0; i < tokens; i++) {
                if (p.nextToken() == JsonToken.VALUE_STRING) {
                    p.finishToken();
                }
            }
            return (int) p.currentLocation().getByteOffset();
        } catch (IOException e) {
            throw new IllegalStateException("tokens read once read again", e);
        }
    }

    /** The worker's output buffer, emptied; a buffer grown past {@value #KEPT_OUTPUT_BYTES} is not kept. */
    private Output output(int contentLength) {
        if (contentLength + 64 > KEPT_OUTPUT_BYTES) {
            return new Output(contentLength + 64);
        }
        if (reusable == null || reusable.capacity() > KEPT_OUTPUT_BYTES) {
            reusable = new Output(KEPT_OUTPUT_BYTES / 4);
        }
        reusable.reset();
        return reusable;
    }

    /** The replacement of the string value the parser is at, or null when it stays. */
    private String string(MessageRedactions message, JsonParser p) throws IOException {
        String name = fieldName(p);
        if (!values.nameMayChange(name)
                && InertValues.shortString(p.getTextCharacters(), p.getTextOffset(), p.getTextLength())) {
            return null; // most values: judged on the parser's characters, never built as a string
        }
        String v = p.getText();
        String r = values.value(message, Credential.Location.BODY, pointer, name, v);
        if (r == v && freeText(v)) {
            r = text.redact(message, v);
        }
        return r == v ? null : r;
    }

    /** The replacement (a marker) of the number the parser is at, or null when it stays. */
    private String number(MessageRedactions message, JsonParser p) throws IOException {
        String name = fieldName(p);
        if (!values.nameMayChange(name) && InertValues.value(p.getTextCharacters(), p.getTextOffset(), p.getTextLength())) {
            return null; // counters, prices, ids: read as characters, never parsed or built as a string
        }
        String v = p.getText();
        String r = values.value(message, Credential.Location.BODY, pointer, name, v);
        return r == v ? null : r;
    }

    /** Writes the current token unchanged; a number as written (copying the event would parse and print it). */
    private static void copy(JsonToken t, JsonParser p, JsonGenerator g) throws IOException {
        switch (t) {
            case VALUE_STRING -> g.writeString(p.getText());
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> g.writeNumber(p.getText());
            default -> g.copyCurrentEvent(p);
        }
    }

    static boolean freeText(String v) {
        if (v.length() >= TEXT_SCAN_LENGTH) {
            return true;
        }
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c == ' ' || c == '"' || c == '=' || c == ':') {
                return true;
            }
        }
        return false;
    }

    /** The field name of the current value: its own, or for an array element the nearest enclosing field's. */
    private static String fieldName(JsonParser p) {
        for (JsonStreamContext c = p.getParsingContext(); c != null; c = c.getParent()) {
            if (c.getCurrentName() != null) {
                return c.getCurrentName();
            }
        }
        return null;
    }

    /**
     * The JSON pointer (RFC 6901) of the value the parser is at, as Jackson's {@code pathAsPointer()} writes it,
     * built straight into one string: Jackson's builds an object per segment first, which cost more than judging
     * most values.
     */
    private String pointer() {
        JsonStreamContext c = parser.getParsingContext();
        StringBuilder out = new StringBuilder(32);
        appendPath(out, c.hasPathSegment() ? c : c.getParent());
        return out.toString();
    }

    private static void appendPath(StringBuilder out, JsonStreamContext c) {
        if (c == null) {
            return;
        }
        appendPath(out, c.getParent()); // as deep as the nesting bound allows
        if (c.inObject()) {
            String name = c.getCurrentName();
            out.append('/');
            if (name != null) {
                appendPointerToken(out, name);
            }
        } else if (c.inArray()) {
            out.append('/').append(c.getCurrentIndex());
        }
    }

    /** Appends a field name as a JSON pointer reference token (RFC 6901: {@code ~} as {@code ~0}, {@code /} as {@code ~1}). */
    static void appendPointerToken(StringBuilder out, String name) {
        for (int i = 0; i < name.length(); i++) {
            char ch = name.charAt(i);
            if (ch == '~') {
                out.append("~0");
            } else if (ch == '/') {
                out.append("~1");
            } else {
                out.append(ch);
            }
        }
    }

    /** A byte sink whose buffer is kept between bodies. */
    private static final class Output extends ByteArrayOutputStream {
        Output(int size) {
            super(size);
        }

        int capacity() {
            return buf.length;
        }
    }
}
