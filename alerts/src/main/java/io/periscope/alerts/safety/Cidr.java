package io.periscope.alerts.safety;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * An address block such as {@code 10.1.0.0/16} or {@code fd00::/8}. Parsing never resolves a name: only literals.
 *
 * @param network the network's address bytes (4 or 16)
 * @param prefix  the prefix length in bits
 */
public record Cidr(byte[] network, int prefix) {

    public Cidr {
        network = network.clone();
        if (prefix < 0 || prefix > network.length * 8) {
            throw new IllegalArgumentException("prefix length out of range");
        }
    }

    /** Parses {@code address/prefix} (or a bare address: a block of one). */
    public static Cidr parse(String value) {
        String v = value.trim();
        int slash = v.indexOf('/');
        String address = slash < 0 ? v : v.substring(0, slash);
        if (address.isEmpty() || !isLiteral(address)) {
            throw new IllegalArgumentException("expected an IP address block such as 10.0.0.0/8, was \"" + value + "\"");
        }
        byte[] bytes;
        try {
            bytes = InetAddress.getByName(address).getAddress(); // a literal: no lookup happens
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("expected an IP address block such as 10.0.0.0/8, was \"" + value + "\"", e);
        }
        int prefix;
        try {
            prefix = slash < 0 ? bytes.length * 8 : Integer.parseInt(v.substring(slash + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("expected a prefix length after / in \"" + value + "\"", e);
        }
        return new Cidr(bytes, prefix);
    }

    /** Digits, hex digits, dots and colons only: a host name never reaches the resolver from here. */
    private static boolean isLiteral(String s) {
        if (s.length() > 45) {
            return false;
        }
        boolean colon = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            colon |= c == ':';
            boolean ok = Character.digit(c, 16) >= 0 || c == '.' || c == ':';
            if (!ok) {
                return false;
            }
        }
        return colon || s.chars().allMatch(c -> c == '.' || Character.isDigit(c));
    }

    public boolean contains(InetAddress address) {
        byte[] a = address.getAddress();
        if (a.length != network.length) {
            return false;
        }
        int full = prefix / 8;
        for (int i = 0; i < full; i++) {
            if (a[i] != network[i]) {
                return false;
            }
        }
        int rest = prefix % 8;
        if (rest == 0) {
            return true;
        }
        int mask = 0xff << (8 - rest) & 0xff;
        return (a[full] & mask) == (network[full] & mask);
    }

    @Override
    public byte[] network() {
        return network.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Cidr c && c.prefix == prefix && java.util.Arrays.equals(c.network, network);
    }

    @Override
    public int hashCode() {
        return 31 * java.util.Arrays.hashCode(network) + prefix;
    }

    @Override
    public String toString() {
        try {
            return InetAddress.getByAddress(network).getHostAddress() + "/" + prefix;
        } catch (UnknownHostException e) {
            throw new IllegalStateException("4 or 16 bytes always make an address", e);
        }
    }
}
