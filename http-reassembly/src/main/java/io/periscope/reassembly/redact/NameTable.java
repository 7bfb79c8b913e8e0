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
     * another name; read it with {@link #name} and {@link #kind} before the next call. {@code hash} is any
     * hash of the name's bytes (equal names, equal hashes), taken by the caller while it reads the name.
     */
    int slot(byte[] bytes, int off, int len, int hash) {
        int s = (hash ^ hash >>> 10 ^ hash >>> 20) & (SLOTS - 1);
        byte[] key = keys[s];
        if (key == null || !same(key, bytes, off, len)) {
            String name = new String(bytes, off, len, StandardCharsets.UTF_8);
            keys[s] = Arrays.copyOfRange(bytes, off, off + len);
            strings[s] = name;
            kinds[s] = names.classify(name);
        }
        return s;
    }

    private static boolean same(byte[] key, byte[] bytes, int off, int len) {
        if (key.length != len) {
            return false;
        }
        for (int i = 0; i < len; i++) {
            if (key[i] != bytes[off + i]) {
                return false;
            }
        }
        return true;
    }

    String name(int slot) {
        return strings[slot];
    }

    /** The credential kind of the slot's name, null when its name says nothing. */
    CredentialKind kind(int slot) {
        return kinds[slot];
    }
}
