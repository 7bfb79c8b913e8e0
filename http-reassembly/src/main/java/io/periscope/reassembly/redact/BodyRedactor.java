package io.periscope.reassembly.redact;

import io.periscope.events.http.Body;
import io.periscope.reassembly.ReassemblyMetrics;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Rewrites a captured body by media type: JSON (also {@code +json}, and untyped bodies that start like JSON) by
 * {@link JsonBodyRewriter}, forms by {@link FormBodyRewriter}, multipart by {@link MultipartBodyRewriter}, and
 * any other body that is UTF-8 text by {@link TextRedactor}. A body that cannot be scanned is published as captured
 * and says why in {@link Body#unscanned()} (counted in {@code bodies.unscanned}): still compressed because
 * a coding could not be undone, or binary. The work is bounded by the body cap: every pass is linear.
 * One instance per worker thread.
 */
public final class BodyRedactor {
    private final JsonBodyRewriter json;
    private final FormBodyRewriter form;
    private final MultipartBodyRewriter multipart;
    private final TextRedactor text;
    private final ReassemblyMetrics metrics;
    private final CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);

    public BodyRedactor(ValueRedactor values, ReassemblyMetrics metrics, int maxJsonDepth) {
        this.text = new TextRedactor(values);
        this.json = new JsonBodyRewriter(values, text, metrics, maxJsonDepth);
        this.form = new FormBodyRewriter(values, text);
        this.multipart = new MultipartBodyRewriter(values, text, json);
        this.metrics = metrics;
    }

    /**
     * The body to publish.
     *
     * @param contentTypeHeader the message's Content-Type header as sent (for the multipart boundary), or null
     */
    public Body redact(MessageRedactions message, Body body, String contentTypeHeader) {
        byte[] content = body.content();
        if (content.length == 0) {
            return body;
        }
        boolean coded = false;
        for (String coding : body.contentEncodings()) {
            coded |= !coding.equals("identity");
        }
        if (coded && !body.decoded()) {
            return unscanned(body, Body.Unscanned.UNDECODED);
        }
        String ct = body.contentType() == null ? "" : body.contentType();
        String boundary = ct.startsWith("multipart/") ? MultipartBodyRewriter.boundary(contentTypeHeader) : null;
        byte[] out;
        if (body.holdsJson()) {
            out = json.rewrite(message, content);
        } else if (ct.equals("application/x-www-form-urlencoded")) {
            out = form.rewrite(message, content);
        } else if (boundary != null) {
            out = multipart.rewrite(message, content, boundary);
            if (out == null) {
                out = text(message, content);
            }
        } else {
            out = text(message, content);
        }
        if (out == null) {
            return unscanned(body, Body.Unscanned.BINARY);
        }
        return out == content ? body : body.withContent(out, null);
    }

    private Body unscanned(Body body, Body.Unscanned reason) {
        metrics.bodyUnscanned(reason.name().toLowerCase(Locale.ROOT));
        return body.withContent(body.content(), reason);
    }

    /** The text body rewritten, or null when it is not UTF-8 text (a multibyte character cut at the end is text). */
    private byte[] text(MessageRedactions message, byte[] content) {
        CharBuffer chars = CharBuffer.allocate(content.length);
        ByteBuffer in = ByteBuffer.wrap(content);
        utf8.reset();
        CoderResult r = utf8.decode(in, chars, false);
        if (r.isError() || in.remaining() > 3) {
            return null;
        }
        chars.flip();
        for (int i = 0; i < chars.length(); i++) {
            char c = chars.get(i);
            if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f') {
                return null; // control characters: a binary format that happens to decode
            }
        }
        String s = chars.toString();
        String rewritten = text.redact(message, s);
        if (rewritten == s) {
            return content;
        }
        byte[] head = rewritten.getBytes(StandardCharsets.UTF_8);
        if (!in.hasRemaining()) {
            return head;
        }
        byte[] out = new byte[head.length + in.remaining()];
        System.arraycopy(head, 0, out, 0, head.length);
        in.get(out, head.length, in.remaining());
        return out;
    }

    /** Media types read as text even inside multipart (file parts of other types are kept as sent). */
    static boolean textual(String ct) {
        return ct.startsWith("text/") || ct.endsWith("+xml") || ct.equals("application/xml")
                || ct.equals("application/x-www-form-urlencoded") || ct.equals("application/javascript")
                || ct.equals("application/graphql") || ct.equals("application/yaml") || ct.equals("application/x-yaml");
    }
}
