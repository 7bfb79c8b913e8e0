package io.periscope.discovery.stats;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * A HyperLogLog sketch of distinct client addresses with 2^10 one-byte registers (1 KiB, standard error
 * about 3.3%), so that distinct clients are bounded in memory and serialized size whatever the traffic.
 * Linear counting is used for small cardinalities, where it is exact enough.
 */
public final class ClientSketch {
    private static final int P = 10;
    private static final int M = 1 << P;
    private static final double ALPHA = 0.7213 / (1 + 1.079 / M);

    private final byte[] registers;

    public ClientSketch() {
        this.registers = new byte[M];
    }

    private ClientSketch(byte[] registers) {
        this.registers = registers;
    }

    public void add(String value) {
        long h = hash(value);
        int idx = (int) (h >>> (64 - P));
        int rank = Long.numberOfLeadingZeros((h << P) | (1L << (P - 1))) + 1;
        if (rank > registers[idx]) {
            registers[idx] = (byte) rank;
        }
    }

    public long estimate() {
        double sum = 0;
        int zeros = 0;
        for (byte r : registers) {
            sum += 1.0 / (1L << r);
            if (r == 0) {
                zeros++;
            }
        }
        double e = ALPHA * M * M / sum;
        if (e <= 2.5 * M && zeros > 0) {
            e = M * Math.log((double) M / zeros);
        }
        return Math.round(e);
    }

    public void merge(ClientSketch other) {
        for (int i = 0; i < M; i++) {
            if (other.registers[i] > registers[i]) {
                registers[i] = other.registers[i];
            }
        }
    }

    public String encode() {
        return Base64.getEncoder().encodeToString(registers);
    }

    /** Decodes {@link #encode()}; a missing or damaged sketch starts empty. */
    public static ClientSketch decode(String encoded) {
        if (encoded == null) {
            return new ClientSketch();
        }
        try {
            byte[] r = Base64.getDecoder().decode(encoded);
            return r.length == M ? new ClientSketch(r) : new ClientSketch();
        } catch (IllegalArgumentException e) {
            return new ClientSketch();
        }
    }

    /** FNV-1a over UTF-8 bytes, finished with the MurmurHash3 64-bit mixer for well-spread high bits. */
    static long hash(String value) {
        long h = 0xcbf29ce484222325L;
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            h ^= b & 0xff;
            h *= 0x100000001b3L;
        }
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return h;
    }
}
