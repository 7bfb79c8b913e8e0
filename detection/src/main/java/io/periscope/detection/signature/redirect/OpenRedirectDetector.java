package io.periscope.detection.signature.redirect;

import io.periscope.detection.signature.AttackClass;
import io.periscope.detection.signature.CharMask;
import io.periscope.detection.signature.Evidence;
import io.periscope.detection.signature.InputLocation;
import io.periscope.detection.signature.LocationKind;
import io.periscope.detection.signature.Match;
import io.periscope.detection.signature.ValueDetector;
import io.periscope.detection.signature.ValueScan;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Open redirect: a redirect target that leaves the site. In a parameter whose name says it is a redirect target
 * ({@code next}, {@code returnUrl}, {@code redirect_uri}, ...), an absolute URL to another host than the request's
 * own, a scheme-relative {@code //evil.com}, the backslash forms browsers read as one ({@code /\evil.com},
 * {@code \\evil.com}), a {@code javascript:} or {@code data:} URL. In any other parameter only the backslash forms
 * count, which no benign client writes.
 */
public final class OpenRedirectDetector implements ValueDetector {

    /** Parameter names (lower-case, without {@code - _ .}) that say the value is where to go next. */
    private static final Set<String> REDIRECT_NAMES = Set.of("redirect", "redirecturi", "redirecturl", "redir",
            "redirectto", "next", "nexturl", "return", "returnto", "returnurl", "returnpath", "continue",
            "continueurl", "dest", "destination", "desturl", "goto", "rurl", "forward", "forwardurl", "loginurl",
            "logouturl", "successurl", "failureurl", "cancelurl", "backurl", "checkouturl", "redirectlocation");
    /**
     * Names that often carry a redirect target but as often an ordinary link ({@code url} of a bookmark): an absolute
     * URL there is data; only the forms no link needs (scheme-relative, backslash, script URLs) count.
     */
    private static final Set<String> LINK_NAMES = Set.of("url", "target", "to", "out", "view", "u", "r", "go",
            "callback", "callbackurl", "uri", "link", "location", "back");

    @Override
    public AttackClass attackClass() {
        return AttackClass.OPEN_REDIRECT;
    }

    /** A target that leaves the site starts with a slash or backslash or names a scheme (a colon). */
    private static final CharMask TRIGGERS = CharMask.of("/\\:");

    @Override
    public boolean mayMatch(ValueScan scan) {
        return scan.any(TRIGGERS);
    }

    @Override
    public Optional<Match> inspect(String value, InputLocation location) {
        return inspect(value, location, null);
    }

    @Override
    public Optional<Match> inspect(String value, InputLocation location, String serverHost) {
        LocationKind kind = location.kind();
        if (kind == LocationKind.HEADER || kind == LocationKind.COOKIE || kind == LocationKind.BODY
                || kind == LocationKind.JSON_KEY || kind == LocationKind.QUERY_NAME || value.length() < 3) {
            return Optional.empty();
        }
        int s = 0;
        // browsers drop leading blanks and control characters of a URL, and tabs and newlines inside it
        while (s < value.length() && value.charAt(s) <= ' ') {
            s++;
        }
        String target = stripTabs(value.substring(s));
        if (target.length() < 3) {
            return Optional.empty();
        }
        String name = normalisedName(location);
        boolean redirect = REDIRECT_NAMES.contains(name);
        boolean link = redirect || LINK_NAMES.contains(name);
        if (backslashTrick(target)) {
            return Optional.of(new Match(AttackClass.OPEN_REDIRECT, link ? 0.9 : 0.6, "redirect.backslash-host",
                    Evidence.around(value, s)));
        }
        if (kind == LocationKind.PATH_SEGMENT) {
            return location.name().equals("*") && pathRedirect(target)
                    ? Optional.of(new Match(AttackClass.OPEN_REDIRECT, 0.6, "redirect.path-url", Evidence.around(value, s)))
                    : Optional.empty();
        }
        if (!link) {
            return Optional.empty();
        }
        String lower = target.toLowerCase(Locale.ROOT);
        String script = withoutEscapes(lower);
        if (script.startsWith("javascript:") || lower.startsWith("data:text/html") || script.startsWith("vbscript:")) {
            return Optional.of(new Match(AttackClass.OPEN_REDIRECT, 0.9, "redirect.script-url", Evidence.around(value, s)));
        }
        if (redirect && target.length() > 1 && target.charAt(0) == '/' && absoluteHost(target.substring(1)) != null
                && !sameSite(absoluteHost(target.substring(1)), serverHost)) {
            // "/https://evil.com": a framework that strips the leading slash, or joins it to a base, leaves the URL
            return Optional.of(new Match(AttackClass.OPEN_REDIRECT, 0.7, "redirect.slash-url", Evidence.around(value, s)));
        }
        String host = absoluteHost(target);
        if (host == null || host.isEmpty() || sameSite(host, serverHost)) {
            return Optional.empty();
        }
        boolean schemeRelative = target.startsWith("//");
        if (!schemeRelative && !redirect) {
            return Optional.empty();
        }
        return Optional.of(new Match(AttackClass.OPEN_REDIRECT, schemeRelative ? 0.85 : 0.7,
                schemeRelative ? "redirect.scheme-relative" : "redirect.external-url", Evidence.around(value, s)));
    }

    /** {@code /\evil.com}, {@code \/evil.com}, {@code \\evil.com}, {@code /%5cevil.com} (after decoding): a host to a browser. */
    private static boolean backslashTrick(String t) {
        boolean twoSlashes = (t.charAt(0) == '/' || t.charAt(0) == '\\') && (t.charAt(1) == '/' || t.charAt(1) == '\\')
                && (t.charAt(0) == '\\' || t.charAt(1) == '\\');
        if (twoSlashes) {
            return Character.isLetterOrDigit(t.charAt(2)) || t.charAt(2) == '/' || t.charAt(2) == '\\';
        }
        int sep = t.indexOf(":/\\");
        return sep > 0 && sep <= 5 && t.regionMatches(true, 0, "http", 0, 4);
    }

    /**
     * A request path that is itself a redirect target to another site, for servers that redirect to their path
     * ({@code /https://evil.com}, {@code //evil.com/}, {@code /javascript:alert(1)}).
     */
    private static boolean pathRedirect(String path) {
        String lower = path.toLowerCase(Locale.ROOT);
        return lower.startsWith("/http:") || lower.startsWith("/https:") || lower.startsWith("/javascript:")
                || lower.startsWith("//") && lower.length() > 2 && Character.isLetterOrDigit(lower.charAt(2));
    }

    /**
     * {@code ja\nva\tscript:}, {@code \j\av\a\s\cr\i\pt\:}: the escape sequences and backslashes a browser or a
     * string layer drops, dropped, so the scheme shows.
     */
    private static String withoutEscapes(String lower) {
        if (lower.indexOf('\\') < 0) {
            return lower;
        }
        StringBuilder sb = new StringBuilder(lower.length());
        for (int i = 0; i < lower.length() && sb.length() < 16; i++) {
            char c = lower.charAt(i);
            if (c == '\\') {
                if (i + 1 < lower.length() && "ntr".indexOf(lower.charAt(i + 1)) >= 0) {
                    i++;
                }
                continue;
            }
            sb.append(c);
        }
        return sb.toString();
    }

    private static String stripTabs(String v) {
        if (v.indexOf('\t') < 0 && v.indexOf('\n') < 0 && v.indexOf('\r') < 0) {
            return v;
        }
        StringBuilder sb = new StringBuilder(v.length());
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c != '\t' && c != '\n' && c != '\r') {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    /**
     * The host a browser would go to for {@code target}, or null for a relative path: {@code https://h/...},
     * {@code //h/...}, {@code ///h}, {@code http:/h} and {@code http:h} (lenient parsers), user info dropped
     * ({@code //trusted.com@evil.com}).
     */
    static String absoluteHost(String target) {
        String lower = target.toLowerCase(Locale.ROOT);
        int i;
        if (lower.startsWith("http:") || lower.startsWith("https:")) {
            i = lower.indexOf(':') + 1;
        } else if (lower.startsWith("//")) {
            i = 0;
        } else {
            return null;
        }
        while (i < lower.length() && (lower.charAt(i) == '/' || lower.charAt(i) == '\\')) {
            i++;
        }
        int end = i;
        while (end < lower.length() && "/?#\\".indexOf(lower.charAt(end)) < 0) {
            end++;
        }
        String authority = lower.substring(i, end);
        int at = authority.lastIndexOf('@');
        String hostPort = at >= 0 ? authority.substring(at + 1) : authority;
        int colon = hostPort.startsWith("[") ? hostPort.indexOf(']') + 1 : hostPort.indexOf(':');
        String host = colon > 0 ? hostPort.substring(0, colon) : hostPort;
        return host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
    }

    /** The request's own host, or a subdomain of it, or it of a subdomain (www.example.com and example.com). */
    private static boolean sameSite(String host, String serverHost) {
        if (serverHost == null || serverHost.isEmpty()) {
            return false;
        }
        String own = serverHost.toLowerCase(Locale.ROOT);
        int colon = own.startsWith("[") ? own.indexOf(']') + 1 : own.indexOf(':');
        if (colon > 0) {
            own = own.substring(0, colon);
        }
        return host.equals(own) || host.endsWith("." + own) || own.endsWith("." + host);
    }

    /** The parameter's name lower-case without {@code - _ .}; for a JSON pointer, its last segment. */
    private static String normalisedName(InputLocation location) {
        String name = location.name();
        int slash = name.lastIndexOf('/');
        StringBuilder sb = new StringBuilder(Math.min(32, name.length()));
        for (int i = slash + 1; i < name.length() && sb.length() < 32; i++) {
            char c = name.charAt(i);
            if (c != '-' && c != '_' && c != '.') {
                sb.append(Character.toLowerCase(c));
            }
        }
        return sb.toString();
    }
}
