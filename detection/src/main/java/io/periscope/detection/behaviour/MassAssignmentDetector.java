package io.periscope.detection.behaviour;

import io.periscope.events.detection.Outcome;
import io.periscope.events.detection.Severity;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Mass assignment / property-level authorization (OWASP API3). Each write endpoint learns the JSON properties of
 * its successful requests ({@link RequestSchema}) until it has seen {@code warmupWrites} of them over at least
 * {@code warmup} of event time. After that, a write carrying properties the schema never had is reported when one of
 * them looks privileged ({@code privileged} names: role, isAdmin, balance, ownerId...) or when it carries
 * {@code unknownProperties} unknown ones at once. An ownership property ({@code userId}, {@code ownerId}, ...) whose
 * value is the sender's own user is not privileged; another value is another user's id. Outcome: refused (4xx) a
 * probe; accepted (2xx) an attempt; accepted and echoed back in the response (the property present there, with the same
 * value for a boolean, number or short string) a likely success: the server stored it. An unknown property that
 * {@code adoptWrites} successful writes carry joins the schema (a client release, not an attack). Only property names
 * are compared, and the values of privileged scalars.
 */
public final class MassAssignmentDetector {
    private final MassAssignmentSettings settings;
    private final Set<String> privileged;

    public MassAssignmentDetector(MassAssignmentSettings settings) {
        this.settings = settings;
        this.privileged = settings.privilegedNormalized();
    }

    /** A write of one endpoint: what the detector needs of the exchange. */
    public record Write(long timeMicros, String method, String template, String user, int status, byte[] requestBody,
                        byte[] responseBody) {
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
        if (learning(schema, w.timeMicros())) {
            if (!success) {
                return new Verdict(null, false);
            }
            schema.writes++;
            learn(schema, sent.keySet());
            return new Verdict(null, true);
        }
        List<String> unknown = new ArrayList<>();
        List<String> raised = new ArrayList<>();
        for (Map.Entry<String, String> e : sent.entrySet()) {
            if (schema.properties.contains(e.getKey())) {
                continue;
            }
            unknown.add(e.getKey());
            String leaf = MassAssignmentSettings.normalize(BodyProperties.leaf(e.getKey()));
            if (privileged.contains(leaf) && !ownValue(leaf, e.getValue(), w.user())) {
                raised.add(e.getKey());
            }
        }
        boolean changed = false;
        if (success && !unknown.isEmpty()) {
            changed = adopt(schema, unknown);
        }
        if (raised.isEmpty() && unknown.size() < settings.unknownProperties()) {
            return new Verdict(null, changed);
        }
        Outcome outcome = outcome(w, success, raised.isEmpty() ? unknown : raised, sent);
        List<String> named = raised.isEmpty() ? unknown : raised;
        String what = raised.isEmpty() ? "properties the endpoint's schema never carried"
                : "privilege or ownership properties the endpoint's schema never carried";
        String metric = String.format(Locale.ROOT, "%s in one %s %s (%s; schema learned from %d writes, %d properties)",
                what, w.method(), w.template(), String.join(", ", named.subList(0, Math.min(8, named.size()))),
                schema.writes, schema.properties.size());
        double threshold = raised.isEmpty() ? settings.unknownProperties() : 1;
        Finding f = Finding.of(BehaviourType.MASS_ASSIGNMENT, outcome, metric, named.size(), 0, threshold, w.template());
        if (!raised.isEmpty()) {
            f = f.escalated(outcome == Outcome.LIKELY_SUCCESS ? Severity.CRITICAL : Severity.HIGH, outcome);
        }
        return new Verdict(f, changed);
    }

    private boolean learning(RequestSchema schema, long nowMicros) {
        return schema.writes < settings.warmupWrites() || nowMicros - schema.firstMicros < settings.warmupMicros();
    }

    private void learn(RequestSchema schema, Set<String> paths) {
        for (String p : paths) {
            if (!schema.properties.contains(p)) {
                if (schema.properties.size() >= settings.maxProperties()) {
                    schema.open = true;
                    schema.properties.clear();
                    schema.candidates.clear();
                    return;
                }
                schema.properties.add(p);
            }
        }
    }

    /** Counts successful writes per unknown property; one that enough writes carry joins the schema. */
    private boolean adopt(RequestSchema schema, List<String> unknown) {
        boolean changed = false;
        for (String p : unknown) {
            Integer n = schema.candidates.get(p);
            if (n == null && schema.candidates.size() >= RequestSchema.MAX_CANDIDATES) {
                continue;
            }
            int next = n == null ? 1 : n + 1;
            changed = true;
            if (next >= settings.adoptWrites()) {
                schema.candidates.remove(p);
                learn(schema, Set.of(p));
            } else {
                schema.candidates.put(p, next);
            }
        }
        return changed;
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
