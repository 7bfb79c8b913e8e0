package io.periscope.detection.signature.ssrf;

import io.periscope.detection.signature.AttackClass;
import io.periscope.detection.signature.CharMask;
import io.periscope.detection.signature.Evidence;
import io.periscope.detection.signature.InputLocation;
import io.periscope.detection.signature.KeywordSet;
import io.periscope.detection.signature.LocationKind;
import io.periscope.detection.signature.Match;
import io.periscope.detection.signature.ValueDetector;
import io.periscope.detection.signature.ValueScan;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Server-side request forgery: a URL-valued input that points the server at itself, its internal network or its
 * cloud's instance metadata service, or uses a scheme that talks to non-HTTP services ({@code gopher://},
 * {@code dict://}). The URL is parsed (scheme, user info, host, port) the way URL parsers on the server side do, and
 * its host judged by {@link HostClassifier}, which sees through decimal, octal, hexadecimal, short and IPv6-mapped
 * notations.
 *
 * <p>Headers are not judged: {@code Referer} and {@code Origin} name the site's own, often internal, hosts in benign
 * traffic, and a server does not fetch them.
 */
public final class SsrfDetector implements ValueDetector {

    /** Schemes that let a forged request speak another protocol (Redis over gopher, memcached over dict). */
    private static final Set<String> PROTOCOL_SMUGGLING = Set.of("gopher", "dict", "ldap", "tftp", "netdoc", "jar");
    private static final Set<String> WEB = Set.of("http", "https", "ftp", "ws", "wss", "sftp", "smb", "file");
    /** Metadata addresses that name nothing else wherever they appear in a value. */
    private static final KeywordSet METADATA = new KeywordSet("169.254.169.254", "metadata.google.internal",
            "fd00:ec2::254", "100.100.100.200/latest", "/latest/meta-data", "/computemetadata/v1");

    @Override
    public AttackClass attackClass() {
        return AttackClass.SSRF;
    }

    /** A URL has {@code ://}; every metadata address holds a dot, colon or slash. */
    private static final CharMask TRIGGERS = CharMask.of(":./");

    @Override
    public boolean mayMatch(ValueScan scan) {
        return scan.any(TRIGGERS);
    }

    @Override
    public Optional<Match> inspect(String value, InputLocation location) {
        if (location.kind() == LocationKind.HEADER || value.length() < 7) {
            return Optional.empty();
        }
        int start = 0;
        while (start < value.length() && value.charAt(start) <= ' ') {
            start++;
        }
        int sep = value.indexOf("://", start);
        if (sep > start && sep - start <= 10 && scheme(value, start, sep)) {
            String scheme = value.substring(start, sep).toLowerCase(Locale.ROOT);
            Optional<Match> url = judgeUrl(value, start, scheme, sep + 3);
            if (url.isPresent()) {
                return url;
            }
        }
        KeywordSet.Hit metadata = METADATA.first(value);
        if (metadata != null) {
            return Optional.of(new Match(AttackClass.SSRF, 0.9, "ssrf.cloud-metadata", Evidence.around(value, metadata.start())));
        }
        return Optional.empty();
    }

    private Optional<Match> judgeUrl(String value, int start, String scheme, int authorityStart) {
        if (PROTOCOL_SMUGGLING.contains(scheme)) {
            return Optional.of(new Match(AttackClass.SSRF, 0.85, "ssrf.scheme", Evidence.around(value, start)));
        }
        if (!WEB.contains(scheme)) {
            return Optional.empty();
        }
        int end = authorityStart;
        while (end < value.length() && "/?#\\".indexOf(value.charAt(end)) < 0) {
            end++;
        }
        String authority = value.substring(authorityStart, end);
        int at = authority.lastIndexOf('@');
        String hostPort = at >= 0 ? authority.substring(at + 1) : authority;
        String host;
        if (hostPort.startsWith("[")) {
            int close = hostPort.indexOf(']');
            host = close > 0 ? hostPort.substring(0, close + 1) : hostPort;
        } else {
            int colon = hostPort.indexOf(':');
            host = colon >= 0 ? hostPort.substring(0, colon) : hostPort;
        }
        HostClassifier.Verdict verdict = HostClassifier.classify(host);
        if (verdict.hostClass() == HostClass.PUBLIC) {
            if (verdict.oddNotation()) {
                return Optional.of(new Match(AttackClass.SSRF, 0.75, "ssrf.obfuscated-ip", Evidence.around(value, start)));
            }
            return Optional.empty();
        }
        double confidence = Math.min(0.99, verdict.hostClass().confidence + (verdict.oddNotation() ? 0.1 : 0));
        return Optional.of(new Match(AttackClass.SSRF, confidence, verdict.hostClass().rule, Evidence.around(value, start)));
    }

    private static boolean scheme(String value, int from, int to) {
        if (!Character.isLetter(value.charAt(from))) {
            return false;
        }
        for (int i = from + 1; i < to; i++) {
            char c = value.charAt(i);
            if (!Character.isLetterOrDigit(c) && c != '+' && c != '-' && c != '.') {
                return false;
            }
        }
        return true;
    }
}
