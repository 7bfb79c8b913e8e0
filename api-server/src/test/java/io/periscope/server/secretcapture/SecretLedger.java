package io.periscope.server.secretcapture;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the secrets capture carries, written by the API and the client as they make it up: every raw
 * secret and sensitive value (needles), every attack payload, and the request ids of the exchanges the
 * end-to-end test follows. Thread-safe: the API server writes from its own threads.
 */
public final class SecretLedger {
    private final Map<String, Needle> needles = new LinkedHashMap<>();
    private final List<String> attackPayloads = new ArrayList<>();

    /** Records a needle and returns its value, so a generator can write {@code ledger.add(...)} inline. */
    public synchronized String add(Needle.Kind kind, String where, String value) {
        Needle previous = needles.putIfAbsent(value, new Needle(kind, where, value));
        if (previous != null && previous.kind() != kind) {
            throw new IllegalStateException("one value recorded as two kinds: " + previous.describe());
        }
        return value;
    }

    public synchronized String attack(String payload) {
        attackPayloads.add(payload);
        return payload;
    }

    public synchronized List<Needle> needles() {
        return List.copyOf(needles.values());
    }

    public synchronized List<String> attackPayloads() {
        return List.copyOf(attackPayloads);
    }
}
