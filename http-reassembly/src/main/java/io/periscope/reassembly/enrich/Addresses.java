package io.periscope.reassembly.enrich;

import inet.ipaddr.ipv6.IPv6Address;

/** Text forms of the 128-bit addresses carried by segments (IPv4 as IPv4-mapped IPv6). */
public final class Addresses {
    private static final long MAPPED_LO_PREFIX = 0x0000_FFFF_0000_0000L;

    private Addresses() {
    }

    /** Dotted IPv4 for IPv4-mapped values, else the RFC 5952 IPv6 form. */
    public static String format(long hi, long lo) {
        if (hi == 0 && (lo & 0xFFFF_FFFF_0000_0000L) == MAPPED_LO_PREFIX) {
            return ipv4((int) lo);
        }
        byte[] b = new byte[16];
        for (int i = 0; i < 8; i++) {
            b[i] = (byte) (hi >>> (56 - 8 * i));
            b[8 + i] = (byte) (lo >>> (56 - 8 * i));
        }
        return new IPv6Address(b).toCanonicalString();
    }

    /** Dotted-quad text, built by hand: this runs for every exchange. */
    static String ipv4(int a) {
        return new StringBuilder(15).append(a >>> 24).append('.').append((a >>> 16) & 0xff).append('.')
                .append((a >>> 8) & 0xff).append('.').append(a & 0xff).toString();
    }

    /** {@code addr:port}, with brackets around IPv6 addresses. */
    public static String hostPort(String address, int port) {
        return (address.indexOf(':') >= 0 ? "[" + address + "]" : address) + ":" + port;
    }
}
