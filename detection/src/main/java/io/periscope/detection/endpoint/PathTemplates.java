package io.periscope.detection.endpoint;

/**
 * Reduces a path to a template by the shape of its segments, so that detection can count objects per endpoint
 * without the catalog (which lives in another stage and is keyed by service, not by actor). A segment is an id when
 * it is all digits, a UUID, 16+ hex digits, a sensor marker ({@code [redacted:...]}, {@code [masked:...]}), or 8+
 * characters mixing letters and at least two digits. Paths are read in one left-to-right pass over at most
 * {@value #MAX_PATH_CHARS} characters and {@value #MAX_SEGMENTS} segments: the rest is folded into {@code /…}.
 */
public final class PathTemplates {
    static final int MAX_PATH_CHARS = 2048;
    static final int MAX_SEGMENTS = 24;
    public static final String ID = "{id}";

    private PathTemplates() {
    }

    public static PathTemplate of(String path) {
        if (path == null || path.isEmpty()) {
            return new PathTemplate("/", null);
        }
        String p = path.length() > MAX_PATH_CHARS ? path.substring(0, MAX_PATH_CHARS) : path;
        StringBuilder out = new StringBuilder(p.length());
        String objectId = null;
        int start = p.charAt(0) == '/' ? 1 : 0;
        int segments = 0;
        while (start <= p.length()) {
            int end = p.indexOf('/', start);
            if (end < 0) {
                end = p.length();
            }
            if (++segments > MAX_SEGMENTS) {
                out.append("/…");
                break;
            }
            String segment = p.substring(start, end);
            out.append('/');
            if (isId(segment)) {
                out.append(ID);
                objectId = segment;
            } else {
                out.append(segment);
            }
            start = end + 1;
        }
        return new PathTemplate(out.toString(), objectId);
    }

    static boolean isId(String s) {
        int n = s.length();
        if (n == 0) {
            return false;
        }
        if (s.startsWith("[redacted:") || s.startsWith("[masked:")) {
            return true;
        }
        int digits = 0;
        int letters = 0;
        int hex = 0;
        int dashes = 0;
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c >= '0' && c <= '9') {
                digits++;
                hex++;
            } else if ((c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F')) {
                letters++;
                hex++;
            } else if ((c >= 'g' && c <= 'z') || (c >= 'G' && c <= 'Z')) {
                letters++;
            } else if (c == '-' || c == '_') {
                dashes++;
            } else {
                return false;
            }
        }
        if (digits == n) {
            return true;
        }
        if (n == 36 && dashes == 4 && hex == 32) {
            return true;
        }
        if (hex == n && n >= 16) {
            return true;
        }
        return n >= 8 && digits >= 2 && letters > 0;
    }
}
