package io.periscope.server.http;

import java.util.Locale;

/**
 * The request-target grammar the server accepts (RFC 9112 §3.2 with RFC 3986 characters): origin-form
 * ({@code /path?query}) and absolute-form ({@code http://host/path?query}). Anything else — raw spaces,
 * {@code < > " { } | \ ^ `}, non-ASCII bytes, a bad percent-escape, a fragment, {@code *} or authority-form —
 * is malformed.
 *
 * <p>Netty rejects only control characters and whitespace in the request line; {@code java.net.URI}, which
 * Micronaut parses the target with, is laxer in places (non-ASCII) and stricter in others, and its failures
 * reach the filters as a request for {@code /}. Checking the grammar once, before either, makes every
 * malformed target a plain 400.
 */
final class RequestTarget {
    private RequestTarget() {
    }

    static boolean isValid(String target) {
        if (target == null || target.isEmpty()) {
            return false;
        }
        if (target.charAt(0) == '/') {
            return validChars(target, 0, target.length(), false);
        }
        int schemeEnd = target.indexOf("://");
        if (schemeEnd <= 0) {
            return false;
        }
        String scheme = target.substring(0, schemeEnd).toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            return false;
        }
        int authorityStart = schemeEnd + 3;
        int pathStart = authorityStart;
        while (pathStart < target.length() && target.charAt(pathStart) != '/' && target.charAt(pathStart) != '?') {
            pathStart++;
        }
        return pathStart > authorityStart
                && validChars(target, authorityStart, pathStart, true)
                && validChars(target, pathStart, target.length(), false);
    }

    /** RFC 3986 pchar, '/' and '?' (plus '[' ']' in an authority), with every '%' starting a two-digit escape. */
    private static boolean validChars(String s, int from, int to, boolean authority) {
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c == '%') {
                if (i + 2 >= to || !hex(s.charAt(i + 1)) || !hex(s.charAt(i + 2))) {
                    return false;
                }
                i += 2;
            } else if (!(unreservedOrSubDelim(c) || c == ':' || c == '@' || c == '/' || c == '?'
                    || (authority && (c == '[' || c == ']')))) {
                return false;
            }
        }
        return true;
    }

    private static boolean unreservedOrSubDelim(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || "-._~!$&'()*+,;=".indexOf(c) >= 0;
    }

    private static boolean hex(char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }
}
