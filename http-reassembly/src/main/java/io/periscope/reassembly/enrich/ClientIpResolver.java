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
    }

    public ClientIp resolve(String peer, List<Header> headers) {
        IPAddress peerAddress = parse(peer);
        ClientIp fallback = new ClientIp(peer, ClientIpSource.PEER);
        if (peerAddress == null || !isTrusted(peerAddress)) {
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
            IPAddress[] hops = new IPAddress[chain.size()];
            for (int i = 0; i < hops.length; i++) {
                hops[i] = parse(stripPort(chain.get(i)));
                if (hops[i] == null) {
                    return fallback;
                }
            }
            for (int i = hops.length - 1; i >= 0; i--) {
                if (!isTrusted(hops[i]) || i == 0) {
                    return new ClientIp(hops[i].toCanonicalString(), source);
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
        List<String> out = new ArrayList<>(1);
        for (Header h : headers) {
            if (h.name().equalsIgnoreCase(name)) {
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
