package io.periscope.mirror.source;

/** Big-endian reads from a byte array, shared by the capture readers and writer. */
final class Bytes {
    private Bytes() {
    }

    static int bigEndianInt(byte[] a, int i) {
        return ((a[i] & 0xff) << 24) | ((a[i + 1] & 0xff) << 16) | ((a[i + 2] & 0xff) << 8) | (a[i + 3] & 0xff);
    }

    static int bigEndianShort(byte[] a, int i) {
        return ((a[i] & 0xff) << 8) | (a[i + 1] & 0xff);
    }
}
