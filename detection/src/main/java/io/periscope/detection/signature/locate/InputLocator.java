package io.periscope.detection.signature.locate;

import io.periscope.detection.signature.LocationKind;
import io.periscope.events.http.Body;
import io.periscope.events.http.Header;
import io.periscope.events.http.HttpExchange;
import io.periscope.events.http.HttpRequest;
import io.periscope.events.http.QueryParam;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import java.util.stream.IntStream;

/**
 * Every input location of an exchange's request, in request order, within {@link LocateLimits}:
 * <ul>
 *   <li>the path whole (named {@code *}: traversal spans segments) and each segment (named by its 1-based index);</li>
 *   <li>query names and values (as the sensor decoded them);</li>
 *   <li>header values, named by header (every header: Log4Shell sprays them all), except {@code Cookie}, whose
 *       pairs are cookies, and the framing headers {@code Content-Length} and {@code Transfer-Encoding};</li>
 *   <li>the body by its media type: form fields, multipart fields and file names, JSON keys and values at any depth
 *       up to the limit; XML and other text whole (named by its media type). Binary bodies are not read.</li>
 * </ul>
 * Stateless and thread-safe.
 */
public final class InputLocator {
    private static final String[] SEGMENT_NAMES = IntStream.range(0, 32).mapToObj(Integer::toString)
            .toArray(String[]::new);

    private final LocateLimits limits;

    public InputLocator(LocateLimits limits) {
        this.limits = Objects.requireNonNull(limits, "limits");
    }

    public Located locate(HttpExchange exchange) {
        Collector out = new Collector(limits);
        HttpRequest request = exchange.request();
        if (request == null) {
            return out.result();
        }
        path(request.path(), out);
        for (QueryParam q : request.query()) {
            out.add(LocationKind.QUERY_NAME, q.name(), q.name());
            out.add(LocationKind.QUERY_VALUE, q.name(), q.value());
        }
        headers(request.headers(), out);
        headers(request.trailers(), out);
        body(request, out);
        return out.result();
    }

    private static void path(String path, Collector out) {
        if (path == null || path.isEmpty() || path.equals("/")) {
            return;
        }
        out.add(LocationKind.PATH_SEGMENT, "*", path);
        int index = 0;
        int i = 0;
        while (i <= path.length() && !out.full()) {
            int slash = path.indexOf('/', i);
            int end = slash < 0 ? path.length() : slash;
            if (end > i) {
                index++;
                out.add(LocationKind.PATH_SEGMENT, segmentName(index), path.substring(i, end));
            }
            if (slash < 0) {
                break;
            }
            i = slash + 1;
        }
    }

    /** The name of the {@code index}th segment, shared for the usual depths: a path is located per exchange. */
    private static String segmentName(int index) {
        return index < SEGMENT_NAMES.length ? SEGMENT_NAMES[index] : Integer.toString(index);
    }

    private static void headers(List<Header> headers, Collector out) {
        for (Header h : headers) {
            String name = h.name();
            if (name.equalsIgnoreCase("cookie")) {
                cookies(h.value(), out);
            } else if (!name.equalsIgnoreCase("content-length") && !name.equalsIgnoreCase("transfer-encoding")) {
                // the framing headers are checked by the parser; nothing an application reads as data
                out.add(LocationKind.HEADER, name, h.value());
            }
        }
    }

    private static void cookies(String header, Collector out) {
        int i = 0;
        int n = header.length();
        while (i < n && !out.full()) {
            int semi = header.indexOf(';', i);
            int end = semi < 0 ? n : semi;
            int eq = header.indexOf('=', i);
            if (eq > i && eq < end) {
                out.add(LocationKind.COOKIE, header.substring(i, eq).trim(), header.substring(eq + 1, end).trim());
            } else if (end > i) {
                out.add(LocationKind.COOKIE, "", header.substring(i, end).trim());
            }
            i = end + 1;
        }
    }

    private void body(HttpRequest request, Collector out) {
        Body body = request.body();
        if (body.content().length == 0 || body.unscanned() == Body.Unscanned.BINARY
                || body.unscanned() == Body.Unscanned.UNDECODED || out.full()) {
            return;
        }
        int bytes = Math.min(body.content().length, limits.maxChars());
        String text = new String(body.content(), 0, bytes, StandardCharsets.UTF_8);
        String type = body.contentType() == null ? "" : body.contentType();
        if (body.holdsJson()) {
            if (!JsonValues.read(text, out)) {
                out.add(LocationKind.BODY, type, text);
            }
        } else if (type.equals("application/x-www-form-urlencoded")) {
            FormFields.read(text, out);
        } else if (type.startsWith("multipart/")) {
            String boundary = request.headerValues("Content-Type").stream().map(MultipartFields::boundary)
                    .filter(Objects::nonNull).findFirst().orElse(null);
            if (boundary != null) {
                MultipartFields.read(text, boundary, out);
            } else {
                out.add(LocationKind.BODY, type, text);
            }
        } else {
            // XML (for XXE), text, and untyped bodies: whole, up to the value-length limit
            out.add(LocationKind.BODY, type, text);
        }
    }
}
