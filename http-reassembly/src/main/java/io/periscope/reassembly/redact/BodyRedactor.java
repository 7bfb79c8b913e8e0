package io.periscope.reassembly.redact;

import io.periscope.events.catalog.ParameterLocation;
import io.periscope.events.http.Body;
import io.periscope.events.http.BodyScan;
import io.periscope.events.http.Credential;
import io.periscope.reassembly.ReassemblyConfig;
import io.periscope.reassembly.ReassemblyMetrics;
import io.periscope.sensitive.SensitiveScanner;
import io.periscope.sensitive.json.JsonBodyScan;
import io.periscope.sensitive.json.JsonValueScanner;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Rewrites a captured body by media type: JSON (also {@code +json}, and untyped bodies that start like JSON) by
 * {@link JsonBodyRewriter}, forms by {@link FormBodyRewriter}, multipart by {@link MultipartBodyRewriter}, and
 * any other body that is UTF-8 text by {@link TextRedactor}. A body that cannot be scanned is published as captured
 * and says why in {@link Body#unscanned()} (counted in {@code bodies.unscanned}): still compressed because
 * a coding could not be undone, or binary. The work is bounded by the body cap: every pass is linear.
 *
 * <p>A body arrives up to the scan limit ({@code max-scan-bytes}) and is published up to the body cap
 * ({@code max-body-bytes}): the published prefix is rewritten as above, and a JSON body longer than the cap is also
 * walked in full by {@link JsonBodyScan} (streaming, no tree), whose sensitive types past the cut travel in
 * {@link Body#scan()}. Every body with content says in {@link BodyScan} how much of it detection read.
 * One instance per worker thread.
 */
public final class BodyRedactor {
    private final JsonBodyRewriter json;
    private final FormBodyRewriter form;
    private final MultipartBodyRewriter multipart;
    private final TextRedactor text;
    private final ReassemblyMetrics metrics;
    private final JsonBodyScan beyond;
    private final int maxBodyBytes;
    private final int maxScanBytes;
    private final CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);

    public BodyRedactor(ValueRedactor values, ReassemblyMetrics metrics, ReassemblyConfig config) {
        this.text = new TextRedactor(values);
        this.json = new JsonBodyRewriter(values, text, metrics, config.maxJsonDepth());
        this.form = new FormBodyRewriter(values, text);
        this.multipart = new MultipartBodyRewriter(values, text, json);
        this.metrics = metrics;
        // the detectors discovery reports, so the types found past the cut are the ones discovery would have found
        this.beyond = new JsonBodyScan(SensitiveScanner.withDefaults(config.phoneRegion(), config.customSensitiveTypes()),
                config.maxJsonDepth());
        this.maxBodyBytes = config.maxBodyBytes();
        this.maxScanBytes = config.maxScanBytes();
    }

    /**
     * The body to publish.
     *
     * @param contentTypeHeader the message's Content-Type header as sent (for the multipart boundary), or null
     */
    public Body redact(MessageRedactions message, Body body, String contentTypeHeader) {
        byte[] window = body.content();
        if (window.length == 0) {
            if (body.decodedLength() == 0) {
                return body;
            }
            metrics.bodyPartlyScanned("incomplete_capture"); // not a byte of it was captured
            return body.withScan(new BodyScan(0, false, List.of()));
        }
        boolean cut = window.length > maxBodyBytes;
        Body published = cut
                ? new Body(Arrays.copyOf(window, maxBodyBytes), body.wireLength(), body.decodedLength(), true,
                        body.contentType(), body.contentEncodings(), body.decoded())
                : body;
        boolean coded = false;
        for (String coding : body.contentEncodings()) {
            coded |= !coding.equals("identity");
        }
        if (coded && !body.decoded()) {
            return unscanned(published, Body.Unscanned.UNDECODED);
        }
        byte[] out = rewrite(message, published, contentTypeHeader);
        if (out == null) {
            return unscanned(published, Body.Unscanned.BINARY);
        }
        BodyScan scan = cut ? beyondCut(message, body, window) : scanOf(body);
        return new Body(out, body.wireLength(), body.decodedLength(), published.truncated(), body.contentType(),
                body.contentEncodings(), body.decoded(), null, scan);
    }

    /** The published content rewritten by media type; {@code content} itself when nothing changed, null when binary. */
    private byte[] rewrite(MessageRedactions message, Body body, String contentTypeHeader) {
        byte[] content = body.content();
        String ct = body.contentType() == null ? "" : body.contentType();
        String boundary = ct.startsWith("multipart/") ? MultipartBodyRewriter.boundary(contentTypeHeader) : null;
        if (body.holdsJson()) {
            return json.rewrite(message, content);
        }
        if (ct.equals("application/x-www-form-urlencoded")) {
            return form.rewrite(message, content);
        }
        if (boundary != null) {
            byte[] out = multipart.rewrite(message, content, boundary);
            return out != null ? out : text(message, content);
        }
        return text(message, content);
    }

    /** A body published whole: read in full unless a gap or the decompression limit cut it. */
    private BodyScan scanOf(Body body) {
        if (!body.truncated()) {
            return BodyScan.whole(body.decodedLength());
        }
        metrics.bodyPartlyScanned(shortBy(body.content().length, body));
        return new BodyScan(body.content().length, false, List.of());
    }

    /**
     * A body longer than the published cap: a JSON body is walked from its start (values before the cut are walked
     * but not judged again) and what is found past the cut is summed; any other is scanned only as far as published.
     */
    private BodyScan beyondCut(MessageRedactions message, Body body, byte[] window) {
        if (!body.holdsJson()) {
            metrics.bodyPartlyScanned("not_json");
            return new BodyScan(maxBodyBytes, false, List.of());
        }
        ParameterLocation location = message.direction() == Credential.Direction.REQUEST
                ? ParameterLocation.REQUEST_BODY : ParameterLocation.RESPONSE_BODY;
        JsonBodyScan.Outcome o = beyond.scan(location, window, window.length, maxBodyBytes);
        if (o.dropped() > 0) {
            metrics.scanFindingsDropped(o.dropped());
        }
        JsonValueScanner.Stop stop = o.walk().stop();
        long scanned = stop == JsonValueScanner.Stop.MALFORMED ? Math.max(maxBodyBytes, o.walk().end()) : window.length;
        boolean complete = stop == JsonValueScanner.Stop.COMPLETE && !body.truncated();
        if (!complete) {
            metrics.bodyPartlyScanned(stop == JsonValueScanner.Stop.MALFORMED ? "malformed_json"
                    : body.truncated() ? shortBy(window.length, body) : "truncated_json");
        }
        return new BodyScan(scanned, complete, o.found());
    }

    /**
     * Why a captured window is shorter than its body: the scan limit; the published cap of a body that is not JSON
     * (captured no further, see {@code MessageBuilder}); or else bytes the capture never had (a gap, a connection
     * that ended early) or the decompression limit.
     */
    private String shortBy(int windowLength, Body body) {
        if (windowLength >= maxScanBytes) {
            return "scan_limit";
        }
        return windowLength >= maxBodyBytes && !body.holdsJson() ? "not_json" : "incomplete_capture";
    }

    private Body unscanned(Body body, Body.Unscanned reason) {
        metrics.bodyUnscanned(reason.name().toLowerCase(Locale.ROOT));
        metrics.bodyPartlyScanned("unscanned");
        return new Body(body.content(), body.wireLength(), body.decodedLength(), body.truncated(), body.contentType(),
                body.contentEncodings(), body.decoded(), reason, new BodyScan(0, false, List.of()));
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
