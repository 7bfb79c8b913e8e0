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
import java.util.Arrays;

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

    private final JsonFactory factory;
    private final ValueRedactor values;
    private final TextRedactor text;
    private final ReassemblyMetrics metrics;

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
        ByteArrayOutputStream out = new ByteArrayOutputStream(content.length + 64);
        long parsed = 0;
        String pendingName = null;
        boolean changed = false;
        try (JsonParser p = factory.createParser(content); JsonGenerator g = factory.createGenerator(out)) {
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
                    parsed = p.currentLocation().getByteOffset();
                }
                g.flush();
                return changed ? out.toByteArray() : content;
            } catch (IOException e) {
                // JsonEOFException: cut; StreamConstraintsException: too deep; others: malformed
                metrics.bodyFallback(e instanceof com.fasterxml.jackson.core.io.JsonEOFException ? "truncated_json"
                        : e instanceof com.fasterxml.jackson.core.exc.StreamConstraintsException ? "too_deep" : "malformed_json");
                g.flush();
            }
        } catch (IOException e) {
            throw new IllegalStateException("writing to memory cannot fail", e);
        }
        String rest = new String(Arrays.copyOfRange(content, (int) parsed, content.length), StandardCharsets.UTF_8);
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

    private boolean string(MessageRedactions message, JsonParser p, JsonGenerator g) throws IOException {
        String v = p.getText();
        String name = fieldName(p);
        String r = values.value(message, Credential.Location.BODY, () -> pointer(p), name, v);
        if (r == v && freeText(v)) {
            r = text.redact(message, v);
        }
        g.writeString(r);
        return r != v;
    }

    private boolean number(MessageRedactions message, JsonParser p, JsonGenerator g) throws IOException {
        String v = p.getText();
        String r = values.value(message, Credential.Location.BODY, () -> pointer(p), fieldName(p), v);
        if (r == v) {
            g.copyCurrentEvent(p);
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

    private static String pointer(JsonParser p) {
        return p.getParsingContext().pathAsPointer().toString();
    }
}
