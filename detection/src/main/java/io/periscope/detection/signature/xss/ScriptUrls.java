package io.periscope.detection.signature.xss;

import java.util.Locale;

/**
 * Whether a URL runs script when a browser follows it: {@code javascript:}, {@code vbscript:} and the other script
 * schemes, and {@code data:} URLs of markup types. Browsers drop leading spaces and control characters and ignore
 * tabs and newlines anywhere in a URL, so {@code " jav\tascript:"} is {@code javascript:}; so do we.
 */
public final class ScriptUrls {

    private static final String[] SCHEMES = {"javascript:", "vbscript:", "livescript:", "mocha:", "data:text/html",
        "data:image/svg+xml", "data:application/xhtml+xml", "data:text/xml", "data:application/x-shockwave-flash",
        "data:text/javascript", "data:application/javascript"};
    /** Characters of a URL's start examined; the longest scheme above plus room for stripped characters. */
    private static final int PREFIX = 64;

    private ScriptUrls() {
    }

    /** The script scheme {@code url} starts with, or null. */
    public static String scheme(String url) {
        if (url.indexOf(':') < 0) {
            return null; // every scheme ends with a colon; most values have none and cost one scan
        }
        StringBuilder head = new StringBuilder(40);
        int n = Math.min(url.length(), PREFIX);
        int i = 0;
        while (i < n && url.charAt(i) <= ' ') {
            i++;
        }
        for (; i < n && head.length() < 40; i++) {
            char c = url.charAt(i);
            if (c == '\t' || c == '\n' || c == '\r') {
                continue;
            }
            head.append(c);
        }
        String start = head.toString().toLowerCase(Locale.ROOT);
        for (String scheme : SCHEMES) {
            if (start.startsWith(scheme)) {
                return scheme;
            }
        }
        return null;
    }
}
