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
    /** The JSON pointer of the current value, built only when a decision records it; one instance, no capture. */
    private final Supplier<String> pointer = this::pointer;
    /** The parser of the body being rewritten (the pointer's source), null between bodies. */
    private JsonParser parser;
    private Output reusable;

    public JsonBodyRewriter(ValueRedactor values, TextRedactor text, ReassemblyMetrics metrics, int maxDepth) {
        this.values = values;
        this.text = text;
        this.metrics = metrics;
        this.factory = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(maxDepth).build())
                .disable(com.fasterxml.jackson.core.StreamWriteFeature.AUTO_CLOSE_CONTENT)
                .build();
    }

    /** The rewritten document; {@code content} itself when nothing changed. */
    public byte[] rewrite(MessageRedactions message, byte[] content) {
        Output out = output(content.length);
        long tokens = 0;
        String pendingName = null;
        boolean changed = false;
        try (JsonParser p = factory.createParser(content); JsonGenerator g = factory.createGenerator(out)) {
            parser = p;
            try {
                JsonToken t;
                while ((t = p.nextToken()) != null) {
                    switch (t) {
                        case VALUE_STRING -> changed |= string(message, p, g);
                        case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> changed |= number(message, p, g);
                        default -> g.copyCurrentEvent(p);
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
     * (a string to its closing quote). Re-read on the fallback path only: asking the parser for its location
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

    private boolean string(MessageRedactions message, JsonParser p, JsonGenerator g) throws IOException {
        String v = p.getText();
        String name = fieldName(p);
        String r = values.value(message, Credential.Location.BODY, pointer, name, v);
        if (r == v && freeText(v)) {
            r = text.redact(message, v);
        }
        g.writeString(r);
        return r != v;
    }

    private boolean number(MessageRedactions message, JsonParser p, JsonGenerator g) throws IOException {
        String v = p.getText();
        String r = values.value(message, Credential.Location.BODY, pointer, fieldName(p), v);
        if (r == v) {
            // the number as written: copying the event would parse it to a double and print it back
            g.writeNumber(v);
            return false;
        }
        g.writeString(r); // a marker is a string: the structure stays, the type of this one value changes
        return true;
    }

    private static boolean freeText(String v) {
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

    /** The JSON pointer of the value the parser is at. */
    private String pointer() {
        return parser.getParsingContext().pathAsPointer().toString();
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
