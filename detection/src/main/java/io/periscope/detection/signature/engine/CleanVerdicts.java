package io.periscope.detection.signature.engine;

import io.periscope.detection.signature.InputLocation;
import java.util.Objects;

/**
 * A bounded memo of values every detector judged clean, so the values that repeat across exchanges (User-Agent,
 * Accept, Accept-Language, Host, cookie names, JSON keys, common parameter values) are judged once rather than once
 * per exchange.
 *
 * <p>Invariants: only a "no detection" verdict is ever stored (a value any detector matched is never put), so a hit can
 * only skip work whose answer was "nothing"; an entry is keyed by everything a detector reads (the value whole, the
 * location's kind and name, the request's host: the open-redirect detector weighs the parameter name and the host),
 * compared by content, never by hash alone; the memo holds at most {@link #SLOTS} entries of at most
 * {@link #MAX_VALUE_LENGTH} characters, whatever arrives.
 *
 * <p>Direct-mapped: a value's hash picks one slot and a new clean value replaces what was there. A stream of unique
 * values (a scanner, random ids) therefore cannot grow it, only evict, which costs time and never a detection.
 * Thread-safe without locks: a slot holds an immutable entry, read and replaced whole (final fields publish it
 * safely); a lost race only loses a memo entry.
 */
final class CleanVerdicts {
    /**
     * Entries kept: the distinct header values and common parameters of a service number in the hundreds to a few
     * thousand; 8 192 entries of at most {@link #MAX_VALUE_LENGTH} characters hold at most about 4 MiB.
     */
    static final int SLOTS = 8192;
    /**
     * Longest value memoized: user agents, Accept headers, referers and cookie values fit; long values (bodies, JWTs)
     * rarely repeat, and comparing them on a hit would cost what judging them costs.
     */
    static final int MAX_VALUE_LENGTH = 256;
    /** Characters hashed from each end of a string: enough to tell apart the values of one place. */
    private static final int HASHED_ENDS = 16;

    private record Entry(String value, InputLocation location, String serverHost, int hash) {
    }

    private final Entry[] slots = new Entry[SLOTS];

    /** Whether {@code value} at {@code location} of a request to {@code serverHost} was judged clean before. */
    boolean known(String value, InputLocation location, String serverHost) {
        if (value.length() > MAX_VALUE_LENGTH) {
            return false;
        }
        int hash = hash(value, location, serverHost);
        Entry e = slots[hash & (SLOTS - 1)];
        return e != null && e.hash == hash && e.value.equals(value) && e.location.equals(location)
                && Objects.equals(e.serverHost, serverHost);
    }

    /** Records that every detector judged {@code value} at {@code location} clean. */
    void clean(String value, InputLocation location, String serverHost) {
        if (value.length() > MAX_VALUE_LENGTH) {
            return;
        }
        int hash = hash(value, location, serverHost);
        slots[hash & (SLOTS - 1)] = new Entry(value, location, serverHost, hash);
    }

    /** Entries held; for tests of the bound. */
    int size() {
        int n = 0;
        for (Entry e : slots) {
            if (e != null) {
                n++;
            }
        }
        return n;
    }

    /**
     * A hash of the key that reads at most {@value #HASHED_ENDS} characters from each end of each string, so a lookup
     * costs a few dozen character reads rather than a pass over the value (most values arrive as fresh strings, whose
     * own hash is not cached yet). Values that differ only in the middle share a slot and evict each other; equality
     * is still decided on the whole content.
     */
    private static int hash(String value, InputLocation location, String serverHost) {
        int h = sample(value);
        h = 31 * h + location.kind().ordinal();
        h = 31 * h + sample(location.name());
        h = 31 * h + (serverHost == null ? 0 : sample(serverHost));
        return h ^ (h >>> 16);
    }

    private static int sample(String s) {
        int n = s.length();
        int h = n;
        if (n <= 2 * HASHED_ENDS) {
            for (int i = 0; i < n; i++) {
                h = 31 * h + s.charAt(i);
            }
            return h;
        }
        for (int i = 0; i < HASHED_ENDS; i++) {
            h = 31 * h + s.charAt(i);
        }
        for (int i = n - HASHED_ENDS; i < n; i++) {
            h = 31 * h + s.charAt(i);
        }
        return 31 * h + s.charAt(n / 2);
    }
}
