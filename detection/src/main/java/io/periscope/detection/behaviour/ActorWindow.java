package io.periscope.detection.behaviour;

import com.fasterxml.jackson.annotation.JsonAutoDetect;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * One actor's counts in the current event-time window. Invariants: every map is bounded (templates
 * {@value #MAX_TEMPLATES}, credentials and subjects {@value #MAX_CREDENTIALS}, accounts {@value #MAX_ACCOUNTS},
 * passwords {@value #MAX_PASSWORDS}, methods {@value #MAX_METHODS}); a key that does not fit is counted in the totals
 * but not tracked alone; {@code fired} holds each behaviour (and outcome) already reported in this window, so a
 * behaviour is reported once per window, again only if its outcome gets worse.
 */
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY)
public final class ActorWindow {
    static final int MAX_TEMPLATES = 32;
    static final int MAX_CREDENTIALS = 16;
    static final int MAX_ACCOUNTS = 256;
    static final int MAX_PASSWORDS = 16;
    static final int MAX_METHODS = 16;

    long startMicros;
    long requests;
    long errors;
    long successfulReads;
    long bytes;
    Map<String, TemplateCount> templates = new HashMap<>();
    Distinct notFoundPaths = new Distinct();
    Set<String> refusedMethods = new HashSet<>();
    long signInFailures;
    long signInSuccesses;
    Distinct failedAccounts = new Distinct();
    Map<String, Long> failuresByAccount = new HashMap<>();
    Map<String, Distinct> accountsByPassword = new HashMap<>();
    Map<String, CredentialUse> credentials = new HashMap<>();
    Map<String, Distinct> rejectedTokensBySubject = new HashMap<>();
    Set<String> fired = new HashSet<>();
    /** Per template, the distinct objects of other owners accessed (BOLA on foreign objects). */
    Map<String, Distinct> foreignObjects = new HashMap<>();
    long foreignWrites;

    ActorWindow() {
    }

    ActorWindow(long startMicros) {
        this.startMicros = startMicros;
    }

    /** Object ids one template was asked for. */
    @JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY)
    static final class TemplateCount {
        Distinct ids = new Distinct();
        long denied;
        long succeeded;
        long requests;
    }

    /** Where one credential was presented from. */
    @JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY)
    static final class CredentialUse {
        Distinct addresses = new Distinct();
        Distinct agents = new Distinct();
    }

    static <V> V bounded(Map<String, V> map, String key, int max, java.util.function.Supplier<V> create) {
        V v = map.get(key);
        if (v == null && map.size() < max) {
            v = create.get();
            map.put(key, v);
        }
        return v;
    }

    /** Marks {@code key} reported; false when it already was in this window. */
    boolean fire(String key) {
        return fired.add(key);
    }
}
