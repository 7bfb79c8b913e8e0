package io.periscope.reassembly.http;

import io.periscope.reassembly.tcp.MemoryBudget;
import java.util.Arrays;

/**
 * The captured prefix of one body: grows on demand up to the cap, counts every byte beyond it, and
 * stops capturing at the first gap (a body with a hole in the middle would misrepresent the content).
 */
final class BodyBuffer {
    private static final byte[] NONE = new byte[0];
    private final int cap;
    private final MemoryBudget budget;
    private byte[] data = NONE;
    private int size;
    private long length;
    private boolean holed;
    /** The announced body length (a sizing hint), -1 when unknown. */
    private long expected = -1;

    BodyBuffer(int cap, MemoryBudget budget) {
        this.cap = cap;
        this.budget = budget;
    }

    /** The body announced its length (Content-Length), or -1 when it did not. */
    void expect(long announced) {
        expected = announced;
    }

    void append(byte[] b, int off, int len) {
        length += len;
        if (holed || size >= cap) {
            return;
        }
        int n = Math.min(len, cap - size);
        if (size + n > data.length) {
            long want = Math.max(size + n, expected > 0 ? Math.min(expected, cap) : Math.max(1024, data.length * 2L));
            int newLength = (int) Math.min(cap, Math.max(want, Math.min(cap, data.length * 2L)));
            budget.add(newLength - data.length);
            data = Arrays.copyOf(data, newLength);
        }
        System.arraycopy(b, off, data, size, n);
        size += n;
    }

    void gap(long len) {
        length += len;
        holed = true;
    }

    long length() {
        return length;
    }

    boolean complete() {
        return !holed && size == length;
    }

    /** Hands the captured bytes over and resets for the next message. */
    byte[] take() {
        byte[] out = size == data.length ? data : Arrays.copyOf(data, size);
        budget.release(data.length);
        data = NONE;
        size = 0;
        length = 0;
        holed = false;
        expected = -1;
        return out;
    }
}
