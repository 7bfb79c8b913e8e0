package io.periscope.sensitive;

import inet.ipaddr.IPAddressString;

/** An IPv4 or IPv6 address literal; version-like field names lower the confidence. */
public final class IpAddressDetector implements Detector {
    @Override
    public String type() {
        return "ip_address";
    }

    @Override
    public double confidence(FieldName name, String value) {
        if (!isIpv4(value) && !isIpv6(value)) {
            return 0;
        }
        double c = 0.7;
        if (name.containsAny("ip", "addr", "host", "client", "remote")) {
            c += 0.2;
        } else if (name.containsAny("version", "ver", "release", "build")) {
            c -= 0.5;
        }
        return Detector.clamp(c);
    }

    /** Four decimal octets 0-255 without leading zeros. */
    public static boolean isIpv4(String v) {
        int n = v.length();
        if (n < 7 || n > 15) {
            return false;
        }
        int parts = 0;
        int i = 0;
        while (i < n) {
            int start = i;
            int octet = 0;
            while (i < n && Character.isDigit(v.charAt(i))) {
                octet = octet * 10 + (v.charAt(i) - '0');
                i++;
            }
            int len = i - start;
            if (len == 0 || len > 3 || octet > 255 || (len > 1 && v.charAt(start) == '0')) {
                return false;
            }
            parts++;
            if (i < n) {
                if (v.charAt(i) != '.' || i == n - 1) {
                    return false;
                }
                i++;
            }
        }
        return parts == 4;
    }

    /** An IPv6 literal (RFC 4291 text forms, optionally with an embedded IPv4 tail). */
    public static boolean isIpv6(String v) {
        int n = v.length();
        if (n < 2 || n > 45 || v.indexOf(':') < 0) {
            return false;
        }
        int colons = 0;
        for (int i = 0; i < n; i++) {
            char c = v.charAt(i);
            if (c == ':') {
                colons++;
            } else if (!(Character.digit(c, 16) >= 0 || c == '.')) {
                return false;
            }
        }
        if (colons < 2) {
            return false;
        }
        IPAddressString s = new IPAddressString(v);
        return s.isIPv6() && !s.isPrefixed();
    }

    @Override
    public String mask(String value) {
        if (isIpv4(value)) {
            int lastDot = value.lastIndexOf('.');
            int secondDot = value.lastIndexOf('.', lastDot - 1);
            return value.substring(0, secondDot) + ".*.*";
        }
        int colon = value.indexOf(':', value.indexOf(':') + 1);
        return (colon > 0 ? value.substring(0, colon) : value.substring(0, Math.min(4, value.length()))) + ":****";
    }
}
