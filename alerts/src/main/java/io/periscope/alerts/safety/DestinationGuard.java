package io.periscope.alerts.safety;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;

/**
 * Decides whether Periscope may send to a URL, and to which address. A webhook URL is chosen by an admin but points
 * wherever DNS says at the moment of sending: a name that resolved to a public address when the destination was saved
 * can later resolve to {@code 169.254.169.254} (DNS rebinding) and turn alerting into a way to read the instance
 * metadata service. So the name is resolved at send time, every address it resolves to is checked, and the caller
 * connects to the checked address itself, never resolving again.
 *
 * <p>Refused unless inside an allowlisted CIDR: loopback, link-local (IPv4 169.254/16 with the metadata address,
 * IPv6 fe80::/10), private (10/8, 172.16/12, 192.168/16, IPv6 unique local fc00::/7 with the EC2 metadata address
 * fd00:ec2::254, site-local fec0::/10), carrier-grade NAT 100.64/10, the unspecified address, multicast and broadcast.
 * An IPv4-mapped IPv6 address is judged by its IPv4 address.
 */
public final class DestinationGuard {
    private static final int MAX_URL_LENGTH = 2048;
    private static final List<Cidr> BLOCKED = List.of(
            Cidr.parse("0.0.0.0/8"), Cidr.parse("100.64.0.0/10"), Cidr.parse("255.255.255.255/32"),
            Cidr.parse("192.0.0.0/24"), Cidr.parse("fc00::/7"), Cidr.parse("fec0::/10"));

    private final boolean allowHttp;
    private final List<Cidr> allowed;
    private final Resolver resolver;

    /** Resolves a host name to all its addresses; the system resolver in production, a fixed map in tests. */
    @FunctionalInterface
    public interface Resolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    public DestinationGuard(boolean allowHttp, List<Cidr> allowed) {
        this(allowHttp, allowed, InetAddress::getAllByName);
    }

    public DestinationGuard(boolean allowHttp, List<Cidr> allowed, Resolver resolver) {
        this.allowHttp = allowHttp;
        this.allowed = List.copyOf(allowed);
        this.resolver = resolver;
    }

    /** Checks the URL's form (scheme, host, no user info, length) without resolving; for saving a destination. */
    public URI checkUrl(String url) throws RefusedDestinationException {
        if (url == null || url.isBlank() || url.length() > MAX_URL_LENGTH) {
            throw new RefusedDestinationException("the URL must be 1 to " + MAX_URL_LENGTH + " characters");
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new RefusedDestinationException("the URL is not valid");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !(allowHttp && scheme.equals("http"))) {
            throw new RefusedDestinationException(allowHttp ? "the URL must be http or https"
                    : "the URL must be https (http needs periscope.alerts.allow-http)");
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            throw new RefusedDestinationException("the URL has no host");
        }
        if (uri.getRawUserInfo() != null) {
            throw new RefusedDestinationException("the URL must not carry user info; use a header for credentials");
        }
        if (uri.getRawFragment() != null) {
            throw new RefusedDestinationException("the URL must not have a fragment");
        }
        return uri;
    }

    /**
     * Resolves the URL's host now and returns the address to connect to: the first one, once every address the
     * name resolves to has passed (a name with one public and one private address is refused: which one a
     * connection would use is not ours to choose).
     */
    public InetAddress resolve(URI uri) throws RefusedDestinationException {
        String host = uri.getHost();
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        InetAddress[] addresses;
        try {
            addresses = resolver.resolve(host);
        } catch (UnknownHostException e) {
            throw new RefusedDestinationException("the host does not resolve");
        }
        if (addresses.length == 0) {
            throw new RefusedDestinationException("the host does not resolve");
        }
        for (InetAddress address : addresses) {
            if (!permitted(address)) {
                throw new RefusedDestinationException("the host resolves to " + address.getHostAddress()
                        + ", a loopback, link-local, private, multicast or metadata address that is not allowlisted"
                        + " (periscope.alerts.allowed-cidrs)");
            }
        }
        return addresses[0];
    }

    /** Whether Periscope may connect to the address. */
    public boolean permitted(InetAddress address) {
        for (Cidr cidr : allowed) {
            if (cidr.contains(address) || cidr.contains(mappedV4(address))) {
                return true;
            }
        }
        return !blocked(mappedV4(address));
    }

    private static boolean blocked(InetAddress a) {
        if (a.isLoopbackAddress() || a.isLinkLocalAddress() || a.isSiteLocalAddress() || a.isAnyLocalAddress()
                || a.isMulticastAddress()) {
            return true;
        }
        for (Cidr cidr : BLOCKED) {
            if (cidr.contains(a)) {
                return true;
            }
        }
        return false;
    }

    /** {@code ::ffff:10.0.0.1} is 10.0.0.1 to the network stack, so it is judged as such. */
    private static InetAddress mappedV4(InetAddress address) {
        if (address instanceof Inet6Address) {
            byte[] b = address.getAddress();
            boolean mapped = b[10] == (byte) 0xff && b[11] == (byte) 0xff;
            for (int i = 0; i < 10 && mapped; i++) {
                mapped = b[i] == 0;
            }
            if (mapped) {
                try {
                    return Inet4Address.getByAddress(new byte[] {b[12], b[13], b[14], b[15]});
                } catch (UnknownHostException e) {
                    throw new IllegalStateException("4 bytes always make an address", e);
                }
            }
        }
        return address;
    }
}
