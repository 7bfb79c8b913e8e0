package io.periscope.detection.signature.ssrf;

import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;
import inet.ipaddr.ipv6.IPv6Address;
import java.util.Locale;
import java.util.Set;

/**
 * Classifies the host of a URL, seeing through the notations a URL parser or {@code inet_aton} accepts and a naive
 * block list does not: a single decimal number ({@code 2130706433}), octal and hexadecimal parts ({@code 0177.0.0.1},
 * {@code 0x7f000001}), short forms ({@code 127.1}, {@code 10.1}), IPv4-mapped and NAT64 IPv6 ({@code ::ffff:127.0.0.1}),
 * and wildcard-DNS names that embed an address ({@code 127.0.0.1.nip.io}). Never resolves a name.
 */
final class HostClassifier {

    /** A host judged: its class, and whether it was written in a notation only an evasion uses. */
    record Verdict(HostClass hostClass, boolean oddNotation) {
    }

    private static final Set<String> METADATA_NAMES = Set.of("metadata.google.internal", "metadata",
            "metadata.goog", "instance-data", "instance-data.ec2.internal", "metadata.azure.internal");
    /** Wildcard DNS services that answer any name with the address written in it. */
    private static final Set<String> ECHO_DOMAINS = Set.of("nip.io", "xip.io", "sslip.io", "localtest.me");

    private HostClassifier() {
    }

    static Verdict classify(String rawHost) {
        String host = rawHost.toLowerCase(Locale.ROOT);
        while (host.endsWith(".")) {
            host = host.substring(0, host.length() - 1);
        }
        if (host.isEmpty()) {
            return new Verdict(HostClass.PUBLIC, false);
        }
        if (host.startsWith("[") && host.endsWith("]")) {
            return ipv6(host.substring(1, host.length() - 1));
        }
        if (METADATA_NAMES.contains(host)) {
            return new Verdict(HostClass.CLOUD_METADATA, false);
        }
        if (host.equals("localhost") || host.endsWith(".localhost") || host.equals("localtest.me")
                || host.endsWith(".localtest.me")) {
            return new Verdict(HostClass.LOOPBACK, false);
        }
        long v4 = parseInetAton(host);
        if (v4 >= 0) {
            return new Verdict(classifyV4(v4), !canonicalDotted(host));
        }
        if (host.indexOf(':') >= 0) {
            return ipv6(host);
        }
        for (String echo : ECHO_DOMAINS) {
            if (host.endsWith("." + echo)) {
                return embedded(host.substring(0, host.length() - echo.length() - 1));
            }
        }
        if (host.endsWith(".internal") || host.endsWith(".local") || host.endsWith(".svc.cluster.local")
                || host.equals("kubernetes.default") || host.startsWith("kubernetes.default.")) {
            return new Verdict(HostClass.INTERNAL, false);
        }
        return new Verdict(HostClass.PUBLIC, false);
    }

    /** {@code 127.0.0.1.nip.io}, {@code app.10.0.0.5.nip.io}, {@code 127-0-0-1.sslip.io}: the address in the name. */
    private static Verdict embedded(String labels) {
        String[] parts = labels.split("\\.");
        int k = parts.length;
        if (k >= 4) {
            long v = parseInetAton(parts[k - 4] + "." + parts[k - 3] + "." + parts[k - 2] + "." + parts[k - 1]);
            if (v >= 0) {
                return new Verdict(classifyV4(v), true);
            }
        }
        String[] dashed = parts[k - 1].split("-");
        int d = dashed.length;
        if (d >= 4) {
            long v = parseInetAton(dashed[d - 4] + "." + dashed[d - 3] + "." + dashed[d - 2] + "." + dashed[d - 1]);
            if (v >= 0) {
                return new Verdict(classifyV4(v), true);
            }
        }
        return new Verdict(HostClass.PUBLIC, false);
    }

    private static Verdict ipv6(String literal) {
        int zone = literal.indexOf('%');
        String text = zone >= 0 ? literal.substring(0, zone) : literal;
        IPAddress a = new IPAddressString(text).getAddress();
        if (a == null || !a.isIPv6()) {
            return new Verdict(HostClass.PUBLIC, false);
        }
        IPv6Address v6 = a.toIPv6();
        if (v6.isIPv4Mapped() || v6.isIPv4Compatible() && !v6.isZero() && !v6.isLoopback() || nat64(v6)) {
            long v4 = v6.getEmbeddedIPv4Address().longValue();
            return new Verdict(classifyV4(v4), true);
        }
        if (v6.isLoopback() || v6.isZero()) {
            return new Verdict(HostClass.LOOPBACK, false);
        }
        if (v6.toNormalizedString().equals("fd00:ec2:0:0:0:0:0:254")) {
            return new Verdict(HostClass.CLOUD_METADATA, false);
        }
        if (v6.isLinkLocal()) {
            return new Verdict(HostClass.LINK_LOCAL, false);
        }
        int first = v6.getSegment(0).getSegmentValue();
        if ((first & 0xfe00) == 0xfc00) {
            return new Verdict(HostClass.INTERNAL, false);
        }
        return new Verdict(HostClass.PUBLIC, false);
    }

    private static boolean nat64(IPv6Address v6) {
        return v6.getSegment(0).getSegmentValue() == 0x64 && v6.getSegment(1).getSegmentValue() == 0xff9b;
    }

    static HostClass classifyV4(long v) {
        long a = v >>> 24;
        long b = (v >>> 16) & 0xff;
        if (v == 0xA9FEA9FEL || v == 0xA9FEAA02L || v == 0x64646400L + 200 || v == 0xC00000C0L) {
            // 169.254.169.254 (AWS, GCP, Azure), 169.254.170.2 (ECS tasks), 100.100.100.200 (Alibaba), 192.0.0.192 (Oracle)
            return HostClass.CLOUD_METADATA;
        }
        if (a == 127 || a == 0) {
            return HostClass.LOOPBACK;
        }
        if (a == 169 && b == 254) {
            return HostClass.LINK_LOCAL;
        }
        if (a == 10 || a == 172 && b >= 16 && b <= 31 || a == 192 && b == 168 || a == 100 && b >= 64 && b <= 127
                || a == 198 && (b == 18 || b == 19)) {
            return HostClass.INTERNAL;
        }
        return HostClass.PUBLIC;
    }

    /**
     * The IPv4 address {@code host} denotes under {@code inet_aton} rules (one to four parts; the last fills the
     * remaining bytes; each part decimal, octal with a leading 0, or hexadecimal with 0x), or -1 when it is no address.
     */
    static long parseInetAton(String host) {
        if (host.isEmpty() || host.length() > 64) {
            return -1;
        }
        long[] parts = new long[4];
        int count = 0;
        int i = 0;
        int n = host.length();
        while (i <= n) {
            if (count == 4) {
                return -1;
            }
            int end = host.indexOf('.', i);
            if (end < 0) {
                end = n;
            }
            long part = parsePart(host, i, end);
            if (part < 0) {
                return -1;
            }
            parts[count++] = part;
            i = end + 1;
            if (end == n) {
                break;
            }
        }
        long value = 0;
        for (int p = 0; p < count - 1; p++) {
            if (parts[p] > 0xff) {
                return -1;
            }
            value |= parts[p] << (24 - 8 * p);
        }
        long last = parts[count - 1];
        long room = 1L << (8 * (5 - count));
        if (last >= room) {
            return -1;
        }
        return value | last;
    }

    private static long parsePart(String s, int from, int to) {
        if (from >= to) {
            return -1;
        }
        int radix = 10;
        int i = from;
        if (to - from > 1 && s.charAt(i) == '0' && (s.charAt(i + 1) == 'x' || s.charAt(i + 1) == 'X')) {
            radix = 16;
            i += 2;
            if (i == to) {
                return 0; // "0x" alone is 0 to inet_aton
            }
        } else if (to - from > 1 && s.charAt(i) == '0') {
            radix = 8;
            i++;
        }
        long v = 0;
        for (; i < to; i++) {
            int d = Character.digit(s.charAt(i), radix);
            if (d < 0) {
                return -1;
            }
            v = v * radix + d;
            if (v > 0xFFFFFFFFL) {
                return -1;
            }
        }
        return v;
    }

    /** Four decimal parts without leading zeros: the one notation a benign client writes. */
    private static boolean canonicalDotted(String host) {
        String[] parts = host.split("\\.", -1);
        if (parts.length != 4) {
            return false;
        }
        for (String p : parts) {
            if (p.isEmpty() || p.length() > 3 || p.length() > 1 && p.charAt(0) == '0') {
                return false;
            }
            for (int i = 0; i < p.length(); i++) {
                if (!Character.isDigit(p.charAt(i))) {
                    return false;
                }
            }
        }
        return true;
    }
}
