package io.periscope.reassembly.support;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** An address (as the receiver carries it: 128 bits, IPv4-mapped for IPv4) and a port. */
public record Endpoint(long hi, long lo, int port) {

    public static Endpoint of(String address, int port) {
        try {
            byte[] b = InetAddress.getByName(address).getAddress();
            if (b.length == 4) {
                long lo = 0x0000_FFFF_0000_0000L | ((b[0] & 0xffL) << 24) | ((b[1] & 0xffL) << 16) | ((b[2] & 0xffL) << 8) | (b[3] & 0xffL);
                return new Endpoint(0, lo, port);
            }
            long hi = 0;
            long lo = 0;
            for (int i = 0; i < 8; i++) {
                hi = hi << 8 | (b[i] & 0xff);
                lo = lo << 8 | (b[8 + i] & 0xff);
            }
            return new Endpoint(hi, lo, port);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(address, e);
        }
    }
}
