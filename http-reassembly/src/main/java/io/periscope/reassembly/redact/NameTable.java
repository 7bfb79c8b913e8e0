package io.periscope.reassembly.redact;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Field names as a JSON body spells them in bytes, with their string and credential kind ({@link CredentialNames}),
 * so that the names a body repeats (every element of a listing has the same few) are neither built as strings nor
 * classified again. Direct-mapped: a name whose slot holds another replaces it, so the table stays
 * {@value #SLOTS} names whatever a client sends. One instance per worker thread.
 */
final class NameTable {
    /** Slots: a power of two, several times the distinct field names of the APIs a sensor sees at once. */
    private static final int SLOTS = 1024;

    private final CredentialNames names;
    private final byte[][] keys = new byte[SLOTS][];
    private final String[] strings = new String[SLOTS];
    private final CredentialKind[] kinds = new CredentialKind[SLOTS];

    NameTable(CredentialNames names) {
        this.names = names;
    }

    /**
     * The slot of the name {@code bytes[off, off + len)} (well-formed UTF-8, no escapes), filled now if it held
     * another name; read it with {@link #name} and {@link #kind} before the next call.
     */
    int slot(byte[] bytes, int off, int len) {
        int h = len;
        for (int i = off, end = off + len; i < end; i++) {
            h = 31 * h + bytes[i];
        }
        int s = (h ^ h >>> 10 ^ h >>> 20) & (SLOTS - 1);
        byte[] key = keys[s];
        if (key == null || !Arrays.equals(key, 0, key.length, bytes, off, off + len)) {
            String name = new String(bytes, off, len, StandardCharsets.UTF_8);
            keys[s] = Arrays.copyOfRange(bytes, off, off + len);
            strings[s] = name;
            kinds[s] = names.classify(name);
        }
        return s;
    }

    String name(int slot) {
        return strings[slot];
    }

    /** The credential kind of the slot's name, null when its name says nothing. */
    CredentialKind kind(int slot) {
        return kinds[slot];
    }
}
