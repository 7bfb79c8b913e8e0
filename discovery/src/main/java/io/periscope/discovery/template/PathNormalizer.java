package io.periscope.discovery.template;

/**
 * Normalises a request path before templating, so that the spellings of one resource meet on one endpoint.
 * In this order:
 * <ol>
 *   <li>percent-decodes the unreserved characters only (ALPHA, DIGIT, {@code - . _ ~}, RFC 3986 §2.3), whose
 *       escapes mean the same as the characters; every other escape stays encoded (so {@code %2F} never becomes a
 *       separator) with its hex digits in upper case (RFC 3986 §6.2.2.1);</li>
 *   <li>collapses duplicate slashes ({@code //users} is {@code /users});</li>
 *   <li>removes dot segments (RFC 3986 §5.2.4), after decoding, so that {@code %2e%2e} counts as {@code ..};
 *       a {@code ..} with no segment left to remove climbed above the root, which no client of a real API sends:
 *       it is reported as {@link Result#climbedAboveRoot()} (a traversal attempt), and dropped as the RFC says;</li>
 *   <li>applies the {@link TrailingSlash} policy.</li>
 * </ol>
 * The query ({@code ?...}) is kept as it is. Hostile input costs at most two passes over one buffer of the path's
 * length: no regular expression, no per-segment allocation; a path longer than {@link #MAX_LENGTH} is not read
 * ({@link Result#tooLong()}). Stateless and thread-safe.
 */
public final class PathNormalizer {
    /**
     * Longest path read: the reassembler's default header-section bound ({@code periscope.reassembly.max-header-bytes});
     * its start-line bound is 8 KiB by default, so only a misconfigured sensor sends longer.
     */
    public static final int MAX_LENGTH = 64 * 1024;

    private final TrailingSlash trailingSlash;

    public PathNormalizer(TrailingSlash trailingSlash) {
        this.trailingSlash = trailingSlash;
    }

    /**
     * The outcome for one path.
     *
     * @param path             the normalised path ({@code /} at least), or the raw path when {@code tooLong}
     * @param changed          whether {@code path} differs from the raw path
     * @param climbedAboveRoot whether a {@code ..} would have popped past the first segment ({@code /../etc/passwd})
     * @param tooLong          whether the raw path exceeded {@link #MAX_LENGTH} and was not read
     */
    public record Result(String path, boolean changed, boolean climbedAboveRoot, boolean tooLong) {
    }

    /** Normalises an origin-form path (it starts with {@code /}). */
    public Result normalize(String raw) {
        if (raw.length() > MAX_LENGTH) {
            return new Result(raw, false, false, true);
        }
        int query = raw.indexOf('?');
        int end = query < 0 ? raw.length() : query;
        // one more than the path for the "/" of an empty path
        char[] buf = new char[end + 1];
        int decoded = decodeUnreserved(raw, end, buf);
        Resolved resolved = removeDotSegments(buf, decoded);
        String path = new String(buf, 0, resolved.length()) + (query < 0 ? "" : raw.substring(query));
        boolean changed = !path.equals(raw);
        return new Result(changed ? path : raw, changed, resolved.climbedAboveRoot(), false);
    }

    /** Writes {@code raw[0, end)} to {@code buf} with unreserved escapes decoded and other escapes upper-cased. */
    private static int decodeUnreserved(String raw, int end, char[] buf) {
        int w = 0;
        for (int r = 0; r < end; r++) {
            char c = raw.charAt(r);
            int hi = c == '%' ? hex(raw, r + 1, end) : -1;
            int lo = hi < 0 ? -1 : hex(raw, r + 2, end);
            if (lo < 0) {
                buf[w++] = c;
                continue;
            }
            char value = (char) (hi * 16 + lo);
            if (isUnreserved(value)) {
                buf[w++] = value;
            } else {
                buf[w++] = '%';
                buf[w++] = Character.toUpperCase(raw.charAt(r + 1));
                buf[w++] = Character.toUpperCase(raw.charAt(r + 2));
            }
            r += 2;
        }
        return w;
    }

    private static int hex(String s, int i, int end) {
        return i < end ? Character.digit(s.charAt(i), 16) : -1;
    }

    private static boolean isUnreserved(char c) {
        return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9'
                || c == '-' || c == '.' || c == '_' || c == '~';
    }

    /** What removing the dot segments left: the new length of the buffer, and whether a {@code ..} found nothing to pop. */
    private record Resolved(int length, boolean climbedAboveRoot) {
    }

    /**
     * RFC 3986 §5.2.4 over the segments of {@code buf[0, length)}, in place: the write position never passes the
     * read position, and a {@code ..} scans back over what it removes, so the work stays linear. Empty segments
     * (duplicate slashes) are skipped.
     */
    private Resolved removeDotSegments(char[] buf, int length) {
        int w = 0;
        boolean climbed = false;
        boolean trailing = false;
        int r = 0;
        while (r < length) {
            while (r < length && buf[r] == '/') {
                r++;
            }
            int start = r;
            while (r < length && buf[r] != '/') {
                r++;
            }
            int segment = r - start;
            if (segment == 0) {
                // the path ended in one or more slashes
                trailing = w > 0;
            } else if (segment == 1 && buf[start] == '.') {
                trailing = true;
            } else if (segment == 2 && buf[start] == '.' && buf[start + 1] == '.') {
                climbed |= w == 0;
                while (w > 0 && buf[--w] != '/') {
                    // drop the last output segment
                }
                trailing = true;
            } else {
                buf[w++] = '/';
                System.arraycopy(buf, start, buf, w, segment);
                w += segment;
                trailing = false;
            }
        }
        if (w == 0) {
            buf[w++] = '/';
        } else if (trailing && trailingSlash == TrailingSlash.KEEP) {
            buf[w++] = '/';
        }
        return new Resolved(w, climbed);
    }
}
