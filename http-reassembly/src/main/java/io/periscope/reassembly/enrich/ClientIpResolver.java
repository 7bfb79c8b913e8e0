package io.periscope.reassembly.enrich;

import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;
import io.periscope.events.http.ClientIpSource;
import io.periscope.events.http.Header;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Resolves the client address behind trusted proxies, with the algorithm of Tomcat's RemoteIpValve:
 * start at the TCP peer; while the current hop is a trusted proxy, step one entry to the left in the
 * forwarding chain; the first untrusted address is the client. An attacker controls only entries to
 * the left of the first proxy it reached, and the walk stops at that proxy's view of it, so a spoofed
 * left-most entry never wins. A header that cannot be parsed falls back to the peer.
 *
 * <p>Headers are consulted in the configured order; the first one present decides.
 */
public final class ClientIpResolver {
    private final List<IPAddress> trusted = new ArrayList<>();
    /** The IPv4 blocks of {@link #trusted} as (network, mask) pairs, for the allocation-free common case. */
    private final int[] v4Networks;
    private final int[] v4Masks;
    private final List<String> headerOrder;

    /** The resolved address and the evidence it came from. */
    public record ClientIp(String address, ClientIpSource source) {
    }

    public ClientIpResolver(List<String> trustedCidrs, List<String> headerOrder) {
        for (String cidr : trustedCidrs) {
            IPAddress a = new IPAddressString(cidr.trim()).getAddress();
            if (a == null) {
                throw new IllegalArgumentException("not a CIDR: " + cidr);
            }
            trusted.add(a.toPrefixBlock());
        }
        this.headerOrder = headerOrder.stream().map(h -> h.toLowerCase(Locale.ROOT)).toList();
        List<IPAddress> v4 = trusted.stream().filter(IPAddress::isIPv4).toList();
        v4Networks = new int[v4.size()];
        v4Masks = new int[v4.size()];
        for (int i = 0; i < v4.size(); i++) {
            int bits = v4.get(i).getNetworkPrefixLength() == null ? 32 : v4.get(i).getNetworkPrefixLength();
            v4Masks[i] = bits == 0 ? 0 : -1 << (32 - bits);
            v4Networks[i] = v4.get(i).toIPv4().intValue() & v4Masks[i];
        }
    }

    /** A plain dotted quad without leading zeros as an unsigned value, or -1 for anything else (IPv6, odd forms). */
    static long dottedQuad(String s) {
        long value = 0;
        int octets = 0;
        int i = 0;
        int n = s.length();
        while (i < n) {
            int start = i;
            int octet = 0;
            while (i < n && s.charAt(i) >= '0' && s.charAt(i) <= '9' && i - start < 3) {
                octet = octet * 10 + (s.charAt(i) - '0');
                i++;
            }
            if (i == start || octet > 255 || (i - start > 1 && s.charAt(start) == '0')) {
                return -1;
            }
            value = value << 8 | octet;
            octets++;
            if (i < n) {
                if (s.charAt(i) != '.' || octets == 4) {
                    return -1;
                }
                i++;
                if (i == n) {
                    return -1;
                }
            }
        }
        return octets == 4 ? value & 0xFFFF_FFFFL : -1;
    }

    private boolean trustedV4(int a) {
        for (int i = 0; i < v4Masks.length; i++) {
            if ((a & v4Masks[i]) == v4Networks[i]) {
                return true;
            }
        }
        return false;
    }

    /** Trust of a hop or peer given as text; null when it is not an address. */
    private Boolean trust(String address) {
        long v4 = dottedQuad(address);
        if (v4 >= 0) {
            return trustedV4((int) v4);
        }
        IPAddress a = parse(address);
        return a == null ? null : isTrusted(a);
    }

    /** Canonical text of a hop: plain dotted quads already are. */
    private static String canonical(String address) {
        if (dottedQuad(address) >= 0) {
            return address;
        }
        IPAddress a = parse(address);
        return a == null ? address : a.toCanonicalString();
    }

    public ClientIp resolve(String peer, List<Header> headers) {
        ClientIp fallback = new ClientIp(peer, ClientIpSource.PEER);
        if (!Boolean.TRUE.equals(trust(peer))) {
            return fallback;
        }
        for (String name : headerOrder) {
            List<String> values = values(headers, name);
            if (values.isEmpty()) {
                continue;
            }
            List<String> chain = switch (name) {
                case "x-forwarded-for" -> splitList(values);
                case "forwarded" -> forwardedFor(values);
                default -> values.size() == 1 ? List.of(values.get(0).trim()) : null;
            };
            ClientIpSource source = switch (name) {
                case "x-forwarded-for" -> ClientIpSource.X_FORWARDED_FOR;
                case "forwarded" -> ClientIpSource.FORWARDED;
                default -> ClientIpSource.X_REAL_IP;
            };
            if (chain == null || chain.isEmpty()) {
                return fallback;
            }
            String[] hops = new String[chain.size()];
            boolean[] trustedHop = new boolean[hops.length];
            for (int i = 0; i < hops.length; i++) {
                hops[i] = stripPort(chain.get(i));
                Boolean t = trust(hops[i]);
                if (t == null) {
                    return fallback; // a malformed entry anywhere: the chain cannot be believed
                }
                trustedHop[i] = t;
            }
            for (int i = hops.length - 1; i >= 0; i--) {
                if (!trustedHop[i] || i == 0) {
                    return new ClientIp(canonical(hops[i]), source);
                }
            }
        }
        return fallback;
    }

    private boolean isTrusted(IPAddress a) {
        IPAddress v = a.isIPv6() && a.toIPv6().isIPv4Mapped() ? a.toIPv6().getEmbeddedIPv4Address() : a;
        for (IPAddress block : trusted) {
            if (block.getIPVersion() == v.getIPVersion() && block.contains(v)) {
                return true;
            }
        }
        return false;
    }

    private static IPAddress parse(String s) {
        if (s == null || s.isEmpty()) {
            return null;
        }
        IPAddressString str = new IPAddressString(s);
        if (!str.isIPAddress() || str.isPrefixed()) {
            return null;
        }
        return str.getAddress();
    }

    private static List<String> values(List<Header> headers, String name) {
        List<String> out = List.of();
        for (Header h : headers) {
            if (h.name().equalsIgnoreCase(name)) {
                if (out.isEmpty()) {
                    out = new ArrayList<>(1);
                }
                out.add(h.value());
            }
        }
        return out;
    }

    private static List<String> splitList(List<String> values) {
        List<String> out = new ArrayList<>();
        for (String v : values) {
            for (String part : v.split(",", -1)) {
                out.add(part.trim());
            }
        }
        return out;
    }

    /** The {@code for=} of every element of RFC 7239 Forwarded fields, in order; null when malformed. */
    private static List<String> forwardedFor(List<String> values) {
        List<String> out = new ArrayList<>();
        for (String element : splitList(values)) {
            String node = null;
            for (String pair : element.split(";")) {
                int eq = pair.indexOf('=');
                if (eq > 0 && pair.substring(0, eq).trim().equalsIgnoreCase("for")) {
                    node = pair.substring(eq + 1).trim();
                }
            }
            if (node == null) {
                return null;
            }
            if (node.length() >= 2 && node.startsWith("\"") && node.endsWith("\"")) {
                node = node.substring(1, node.length() - 1);
            }
            out.add(node);
        }
        return out;
    }

    /** {@code 1.2.3.4:80} → {@code 1.2.3.4}; {@code [v6]:80} and {@code [v6]} → {@code v6}; bare v6 untouched. */
    static String stripPort(String hop) {
        String h = hop.trim();
        if (h.startsWith("[")) {
            int close = h.indexOf(']');
            return close > 0 ? h.substring(1, close) : h;
        }
        int colon = h.indexOf(':');
        if (colon > 0 && colon == h.lastIndexOf(':')) {
            return h.substring(0, colon);
        }
        return h;
    }
}
