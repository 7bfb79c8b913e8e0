package io.periscope.benchmarks.receiver;

import io.periscope.mirror.encode.Frames;

import java.util.Random;

/** Realistic mirrored traffic for the receiver benchmarks: a mix of request, response and ACK sizes. */
final class BenchmarkPackets {
    private BenchmarkPackets() {
    }

    /** Inner Ethernet frames of TCP segments over 64 connections, payload sizes 0 (ACK), 300 (request) and 1448 (response). */
    static byte[][] innerFrames(int count) {
        Random random = new Random(42);
        int[] sizes = {0, 0, 300, 1448, 1448};
        byte[][] frames = new byte[count][];
        for (int i = 0; i < count; i++) {
            byte[] payload = new byte[sizes[i % sizes.length]];
            random.nextBytes(payload);
            int client = Frames.ipv4Address(10, 0, 1, 10 + i % 64);
            int server = Frames.ipv4Address(10, 0, 2, 15);
            boolean request = i % 2 == 0;
            byte[] tcp = Frames.tcp(request ? 40000 + i % 64 : 443, request ? 443 : 40000 + i % 64, i * 1448, i, 0x18, 502,
                    new byte[] {1, 1, 8, 10, 0, 0, 0, 1, 0, 0, 0, 2}, payload);
            frames[i] = Frames.ethernet(1, 2, Frames.ETHERTYPE_IPV4,
                    Frames.ipv4(request ? client : server, request ? server : client, Frames.PROTO_TCP, i & 0xFFFF, tcp));
        }
        return frames;
    }

    /** What the UDP receiver gets from AWS: VXLAN header + inner frame. */
    static byte[][] vxlanDatagrams(int count, int vni) {
        byte[][] frames = innerFrames(count);
        for (int i = 0; i < count; i++) {
            frames[i] = Frames.vxlan(vni, frames[i]);
        }
        return frames;
    }
}
