package io.periscope.detection.behaviour;

import io.periscope.events.detection.Outcome;
import io.periscope.events.detection.Severity;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Mass assignment / property-level authorization (OWASP API3). Each write endpoint learns the JSON properties of
 * its successful requests ({@link RequestSchema}) until it has seen {@code warmupWrites} of them over at least
 * {@code warmup} of event time. A property enters the schema only once {@code learnPrincipals} distinct principals
 * (actors) sent it, a privilege or ownership property never from one principal alone: an attacker writing
 * {@code role} from the first minute does not teach it. After the warm-up, a write carrying properties the schema
 * never had is reported when one of them looks privileged ({@code privileged} names: role, isAdmin, balance,
 * ownerId...) or when it carries {@code unknownProperties} unknown ones at once. An ownership property
 * ({@code userId}, {@code ownerId}, ...) whose value is the sender's own user is not privileged; another value is
 * another user's id. Outcome: refused (4xx) a probe; accepted (2xx) an attempt; accepted and echoed back in the
 * response (the property present there, with the same value for a boolean, number or short string) a likely success:
 * the server stored it. A warm-up write that set a privileged property is kept as a suspect; if the property did not
 * become normal, it is reported at that principal's next write to the endpoint after the warm-up, with the outcome it
 * had then. An unknown property that {@code adoptWrites} successful writes of {@code learnPrincipals} principals carry
 * joins the schema (a client release, not an attack). Only property names are compared, and the values of privileged
 * scalars.
 */
public final class MassAssignmentDetector {
    private final MassAssignmentSettings settings;
    private final Set<String> privileged;

    public MassAssignmentDetector(MassAssignmentSettings settings) {
        this.settings = settings;
        this.privileged = settings.privilegedNormalized();
    }

    /**
     * A write of one endpoint: what the detector needs of the exchange.
     *
     * @param principal the actor that sent it (counted, as a hash, towards the principals that taught a property)
     * @param user      the authenticated user, null when none (an ownership property carrying it is the sender's own)
     */
    public record Write(long timeMicros, String method, String template, String principal, String user, int status,
                        byte[] requestBody, byte[] responseBody) {
    }

    /** What {@link #judge} decided: the finding (null when none) and whether the schema changed (store it). */
    public record Verdict(Finding finding, boolean schemaChanged) {
    }

    public static boolean isWrite(String method) {
        return "POST".equalsIgnoreCase(method) || "PUT".equalsIgnoreCase(method) || "PATCH".equalsIgnoreCase(method);
    }

    public Verdict judge(RequestSchema schema, Write w) {
        Map<String, String> sent = BodyProperties.of(w.requestBody());
        if (sent.isEmpty() || schema.open) {
            return new Verdict(null, false);
        }
        boolean success = w.status() >= 200 && w.status() < 300;
        if (schema.firstMicros == Long.MIN_VALUE) {
            schema.firstMicros = w.timeMicros();
        }
        int principal = principalHash(w.principal());
        if (learning(schema, w.timeMicros())) {
            if (!success) {
                return new Verdict(null, false);
            }
            schema.writes++;
            learnDuringWarmup(schema, w, sent, principal);
            return new Verdict(null, true);
        }
        boolean changed = trimCandidates(schema);
        List<String> unknown = new ArrayList<>();
        List<String> raised = new ArrayList<>();
        for (Map.Entry<String, String> e : sent.entrySet()) {
            if (schema.properties.contains(e.getKey())) {
                continue;
            }
            unknown.add(e.getKey());
            if (raises(e.getKey(), e.getValue(), w.user())) {
                raised.add(e.getKey());
            }
        }
        if (success && !unknown.isEmpty()) {
            changed |= adopt(schema, unknown, principal);
        }
        List<RequestSchema.Suspect> earlier = new ArrayList<>();
        changed |= takeSuspects(schema, principal, earlier);
        if (raised.isEmpty() && earlier.isEmpty() && unknown.size() < settings.unknownProperties()) {
            return new Verdict(null, changed);
        }
        boolean privilege = !raised.isEmpty() || !earlier.isEmpty();
        List<String> named = new ArrayList<>(privilege ? raised : unknown);
        // this write's own outcome, worsened by what the server did with the same sender's warm-up writes
        Outcome outcome = named.isEmpty() ? null : outcome(w, success, named, sent);
        for (RequestSchema.Suspect s : earlier) {
            if (!named.contains(s.property())) {
                named.add(s.property());
            }
            outcome = outcome == null ? s.outcome() : Outcome.max(outcome, s.outcome());
        }
        String what = privilege ? "privilege or ownership properties the endpoint's schema never carried"
                : "properties the endpoint's schema never carried";
        String when = earlier.isEmpty() ? "" : String.format(Locale.ROOT, ", set during its warm-up %d min earlier",
                (w.timeMicros() - earlier.get(0).timeMicros()) / 60_000_000L);
        String metric = String.format(Locale.ROOT, "%s in one %s %s (%s%s; schema learned from %d writes, %d properties)",
                what, w.method(), w.template(), String.join(", ", named.subList(0, Math.min(8, named.size()))), when,
                schema.writes, schema.properties.size());
        double threshold = privilege ? 1 : settings.unknownProperties();
        Finding f = Finding.of(BehaviourType.MASS_ASSIGNMENT, outcome, metric, named.size(), 0, threshold, w.template());
        if (privilege) {
            f = f.escalated(outcome == Outcome.LIKELY_SUCCESS ? Severity.CRITICAL : Severity.HIGH, outcome);
        }
        return new Verdict(f, changed);
    }

    private boolean learning(RequestSchema schema, long nowMicros) {
        return schema.writes < settings.warmupWrites() || nowMicros - schema.firstMicros < settings.warmupMicros();
    }

    /** A privilege or ownership property, unless it is an ownership property carrying the sender's own user. */
    private boolean raises(String path, String value, String user) {
        String leaf = MassAssignmentSettings.normalize(BodyProperties.leaf(path));
        return privileged.contains(leaf) && !ownValue(leaf, value, user);
    }

    /** Principals a property needs before it is normal: a privileged one never one alone. */
    private int principalsNeeded(String path) {
        String leaf = MassAssignmentSettings.normalize(BodyProperties.leaf(path));
        return privileged.contains(leaf) ? Math.max(2, settings.learnPrincipals()) : settings.learnPrincipals();
    }

    /**
     * Warm-up: every property sent counts one more principal towards its place in the schema; the distinct paths seen
     * (learned and candidates) past {@code maxProperties} make the endpoint free-form. A privileged property is
     * remembered as a suspect of its sender.
     */
    private void learnDuringWarmup(RequestSchema schema, Write w, Map<String, String> sent, int principal) {
        for (Map.Entry<String, String> e : sent.entrySet()) {
            String p = e.getKey();
            if (schema.properties.contains(p)) {
                continue;
            }
            if (raises(p, e.getValue(), w.user())) {
                suspect(schema, new RequestSchema.Suspect(principal, p, outcome(w, true, List.of(p), sent), w.timeMicros()));
            }
            sighted(schema, p, principal, 1, false);
            if (schema.properties.size() + schema.candidates.size() > settings.maxProperties()) {
                schema.open = true;
                schema.properties.clear();
                schema.candidates.clear();
                schema.seenBy.clear();
                schema.suspects.clear();
                return;
            }
        }
    }

    /**
     * One more successful write of {@code p} from {@code principal}; {@code p} joins the schema once {@code minWrites}
     * writes of enough distinct principals carried it. Returns false when {@code p} could not be tracked
     * ({@code bounded}, after the warm-up, and {@value RequestSchema#MAX_CANDIDATES} candidates tracked already).
     */
    private boolean sighted(RequestSchema schema, String p, int principal, int minWrites, boolean bounded) {
        Integer n = schema.candidates.get(p);
        if (n == null && bounded && schema.candidates.size() >= RequestSchema.MAX_CANDIDATES) {
            return false;
        }
        int writes = n == null ? 1 : n + 1;
        int[] seen = schema.seenBy.getOrDefault(p, new int[0]);
        if (!contains(seen, principal) && seen.length < RequestSchema.MAX_SEEN_BY) {
            seen = Arrays.copyOf(seen, seen.length + 1);
            seen[seen.length - 1] = principal;
        }
        if (seen.length >= principalsNeeded(p) && writes >= minWrites) {
            schema.candidates.remove(p);
            schema.seenBy.remove(p);
            schema.properties.add(p);
        } else {
            schema.candidates.put(p, writes);
            schema.seenBy.put(p, seen);
        }
        return true;
    }

    /** Counts successful writes and principals per unknown property; one that enough carry joins the schema. */
    private boolean adopt(RequestSchema schema, List<String> unknown, int principal) {
        boolean changed = false;
        for (String p : unknown) {
            changed |= sighted(schema, p, principal, settings.adoptWrites(), true);
        }
        return changed;
    }

    /**
     * Once the warm-up is over, the candidates it left beyond {@value RequestSchema#MAX_CANDIDATES} are forgotten, those
     * the fewest writes carried first: after the warm-up the schema tracks at most that many unknown properties.
     */
    private static boolean trimCandidates(RequestSchema schema) {
        int excess = schema.candidates.size() - RequestSchema.MAX_CANDIDATES;
        if (excess <= 0) {
            return false;
        }
        List<Map.Entry<String, Integer>> fewest = new ArrayList<>(schema.candidates.entrySet());
        fewest.sort(Map.Entry.comparingByValue());
        for (Map.Entry<String, Integer> e : fewest.subList(0, excess)) {
            schema.candidates.remove(e.getKey());
            schema.seenBy.remove(e.getKey());
        }
        return true;
    }

    private static void suspect(RequestSchema schema, RequestSchema.Suspect s) {
        for (RequestSchema.Suspect known : schema.suspects) {
            if (known.principal() == s.principal() && known.property().equals(s.property())) {
                return;
            }
        }
        if (schema.suspects.size() < RequestSchema.MAX_SUSPECTS) {
            schema.suspects.add(s);
        }
    }

    /**
     * Moves into {@code out} the suspects of {@code principal} whose property the schema still does not carry, and
     * forgets every suspect whose property became normal (enough principals sent it: a field of the API after all).
     */
    private static boolean takeSuspects(RequestSchema schema, int principal, List<RequestSchema.Suspect> out) {
        if (schema.suspects.isEmpty()) {
            return false;
        }
        int before = schema.suspects.size();
        schema.suspects.removeIf(s -> {
            if (schema.properties.contains(s.property())) {
                return true;
            }
            if (s.principal() == principal) {
                out.add(s);
                return true;
            }
            return false;
        });
        return schema.suspects.size() != before;
    }

    private static boolean contains(int[] values, int v) {
        for (int x : values) {
            if (x == v) {
                return true;
            }
        }
        return false;
    }

    /** A well-mixed 32-bit hash of the actor id: the schema stores no identities, and a rare collision only slows learning. */
    private static int principalHash(String principal) {
        int h = principal == null ? 0 : principal.hashCode();
        h ^= h >>> 16;
        h *= 0x85ebca6b;
        h ^= h >>> 13;
        h *= 0xc2b2ae35;
        return h ^ h >>> 16;
    }

    /** An ownership property carrying the sender's own user is a client being explicit, not an escalation. */
    private static boolean ownValue(String leaf, String value, String user) {
        return MassAssignmentSettings.OWNERSHIP.contains(leaf) && value != null && user != null && value.equals(user);
    }

    private static Outcome outcome(Write w, boolean success, List<String> named, Map<String, String> sent) {
        if (w.status() >= 400) {
            return Outcome.PROBE;
        }
        if (!success) {
            return Outcome.ATTEMPTED;
        }
        Map<String, String> echoed = BodyProperties.of(w.responseBody());
        for (String p : named) {
            String back = echoed.get(p);
            if (echoed.containsKey(p) && (back == null || back.equals(sent.get(p)))) {
                return Outcome.LIKELY_SUCCESS;
            }
        }
        return Outcome.ATTEMPTED;
    }
}
