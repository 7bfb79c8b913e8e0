package io.periscope.detection.incident;

import io.periscope.detection.behaviour.Observation;
import io.periscope.events.detection.Actor;
import io.periscope.events.detection.ActorAddress;
import io.periscope.events.detection.DetectionFeedback;
import io.periscope.events.detection.EndpointTouch;
import io.periscope.events.detection.Evidence;
import io.periscope.events.detection.Incident;
import io.periscope.events.detection.IncidentChange;
import io.periscope.events.detection.IncidentStatus;
import io.periscope.events.detection.Outcome;
import io.periscope.events.detection.Principals;
import io.periscope.events.detection.Severity;
import io.periscope.events.detection.Signal;
import io.periscope.events.detection.TimelineEntry;
import io.periscope.events.detection.Verdict;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * Correlates one actor's signals into one incident per campaign. A signal opens an incident (OPENED) or joins the
 * open one: ESCALATED when it adds a type, raises the severity or worsens the outcome, UPDATED otherwise (published
 * at most once per {@code updateInterval}). {@link #tick} resolves an incident after {@code quietPeriod} without
 * signals (RESOLVED); a signal within {@code reopenWindow} of that reopens it (REOPENED), a later one opens a new
 * incident. A trusted actor opens none; a dismissed incident absorbs further signals until it goes quiet.
 *
 * <p>Every method returns the version to publish, if any; the caller stores the state after it, so a rebuilt state
 * resumes from the version last published and never publishes one twice.
 */
public final class IncidentCorrelator {
    private final IncidentSettings settings;

    public IncidentCorrelator(IncidentSettings settings) {
        this.settings = settings;
    }

    /**
     * Counts a request of the actor into its open incident (requests, endpoints, addresses), or into the run-up that
     * a later incident starts from. Publishes nothing itself: the count goes out with the next throttled update.
     */
    public void onRequest(IncidentState s, Observation o) {
        remember(s, o.principals().clientIp(), o.principals().clientIpSource(), o.principals().credential(),
                o.principals().user());
        if (!s.open()) {
            if (o.timeMicros() - s.leadLastMicros >= settings.quietMicros()) {
                s.leadRequests = 0;
            }
            s.leadRequests++;
            s.leadLastMicros = Math.max(s.leadLastMicros, o.timeMicros());
            return;
        }
        s.requestCount++;
        if (o.template() != null) {
            touch(s, o.serviceKey(), o.method(), o.template());
        }
        if (s.pending == null) {
            s.pending = IncidentChange.UPDATED;
        }
    }

    /**
     * Joins addresses linked to the actor by something other than its own requests (the addresses of one stuffing
     * campaign's client fingerprint), so its incident names them; publishes nothing. Bounded like every address.
     */
    public void onLinkedAddresses(IncidentState s, java.util.List<String> ips, io.periscope.events.http.ClientIpSource source) {
        for (String ip : ips) {
            if (!s.addresses.containsKey(ip)) {
                remember(s, ip, source, null, null);
            }
        }
    }

    public Optional<Incident> onSignal(String actorId, IncidentState s, Signal signal) {
        long now = signal.eventTimeMicros();
        if (s.trusted) {
            return Optional.empty();
        }
        if (s.status == IncidentStatus.DISMISSED && now - s.lastSeenMicros < settings.quietMicros()) {
            s.lastSeenMicros = Math.max(s.lastSeenMicros, now);
            s.signalCount++;
            return Optional.empty();
        }
        IncidentChange change;
        if (s.status == IncidentStatus.OPEN) {
            change = join(s, signal);
        } else if (s.status == IncidentStatus.RESOLVED && now - s.lastSeenMicros < settings.reopenMicros()) {
            join(s, signal);
            s.status = IncidentStatus.OPEN;
            s.requestCount += s.leadRequests;
            s.leadRequests = 0;
            change = IncidentChange.REOPENED;
        } else {
            open(actorId, s, signal);
            change = IncidentChange.OPENED;
        }
        s.pending = s.pending == null || rank(change) > rank(s.pending) ? change : s.pending;
        boolean urgent = s.pending != IncidentChange.UPDATED;
        if (urgent || now - s.publishedAtMicros >= settings.updateMicros()) {
            return Optional.of(publish(actorId, s, now));
        }
        return Optional.empty();
    }

    /** Publishes a throttled update, or resolves an incident that went quiet. */
    public Optional<Incident> tick(String actorId, IncidentState s, long nowMicros) {
        if (s.id == null) {
            return Optional.empty();
        }
        if (s.status == IncidentStatus.OPEN && nowMicros - s.lastSeenMicros >= settings.quietMicros()) {
            s.status = IncidentStatus.RESOLVED;
            s.pending = IncidentChange.RESOLVED;
            return Optional.of(publish(actorId, s, nowMicros));
        }
        if (s.pending != null && nowMicros - s.publishedAtMicros >= settings.updateMicros()) {
            return Optional.of(publish(actorId, s, nowMicros));
        }
        return Optional.empty();
    }

    /**
     * Publishes the change waiting since the last version, dated at the incident's last activity: called on wall-clock
     * time, so an incident's last requests go out even when no more traffic advances stream time.
     */
    public Optional<Incident> publishPending(String actorId, IncidentState s) {
        if (!s.hasPendingChange()) {
            return Optional.empty();
        }
        return Optional.of(publish(actorId, s, Math.max(s.publishedAtMicros, s.lastSeenMicros)));
    }

    /** Applies a user's decision; returns the version it produced. */
    public Optional<Incident> onFeedback(String actorId, IncidentState s, DetectionFeedback f, long nowMicros) {
        switch (f.action()) {
            case TRUST -> {
                s.trusted = true;
                if (s.status == IncidentStatus.OPEN) {
                    s.status = IncidentStatus.DISMISSED;
                    s.pending = IncidentChange.DISMISSED;
                    return Optional.of(publish(actorId, s, nowMicros));
                }
                return Optional.empty();
            }
            case UNTRUST -> {
                s.trusted = false;
                return Optional.empty();
            }
            case DISMISS -> {
                if (s.id == null || !s.id.equals(f.incidentId()) || s.status == IncidentStatus.DISMISSED) {
                    return Optional.empty();
                }
                s.status = IncidentStatus.DISMISSED;
                s.pending = IncidentChange.DISMISSED;
                return Optional.of(publish(actorId, s, nowMicros));
            }
            case REOPEN -> {
                if (s.id == null || !s.id.equals(f.incidentId()) || s.status == IncidentStatus.OPEN) {
                    return Optional.empty();
                }
                s.status = IncidentStatus.OPEN;
                s.lastSeenMicros = Math.max(s.lastSeenMicros, nowMicros);
                s.pending = IncidentChange.REOPENED;
                return Optional.of(publish(actorId, s, nowMicros));
            }
            default -> throw new IllegalStateException("unknown action " + f.action());
        }
    }

    private void open(String actorId, IncidentState s, Signal signal) {
        s.id = incidentId(actorId, signal.eventTimeMicros());
        s.status = IncidentStatus.OPEN;
        s.types.clear();
        s.severity = signal.severity();
        s.confidence = 0;
        s.outcome = signal.outcome();
        s.firstSeenMicros = signal.eventTimeMicros();
        s.lastSeenMicros = signal.eventTimeMicros();
        s.requestCount = s.lastSeenMicros - s.leadLastMicros < settings.quietMicros() ? s.leadRequests : 0;
        s.leadRequests = 0;
        s.signalCount = 0;
        s.endpoints.clear();
        s.evidence.clear();
        s.timeline.clear();
        join(s, signal);
    }

    /** Adds a signal to the open incident; returns whether that escalated it. */
    private IncidentChange join(IncidentState s, Signal signal) {
        boolean newType = s.types.add(signal.type());
        boolean worse = signal.severity().compareTo(s.severity) > 0 || signal.outcome().compareTo(s.outcome) > 0;
        s.severity = Severity.max(s.severity, signal.severity());
        s.outcome = Outcome.max(s.outcome, signal.outcome());
        s.confidence = Math.min(0.99, Math.max(s.confidence, signal.confidence()) + (newType && s.types.size() > 1 ? 0.05 : 0));
        s.firstSeenMicros = Math.min(s.firstSeenMicros, signal.eventTimeMicros());
        s.lastSeenMicros = Math.max(s.lastSeenMicros, signal.eventTimeMicros());
        s.signalCount++;
        if (signal.path() != null) {
            touch(s, signal.serviceKey(), signal.method(), signal.path());
        }
        if (s.evidence.size() < IncidentState.MAX_EVIDENCE || newType) {
            if (s.evidence.size() >= IncidentState.MAX_EVIDENCE) {
                s.evidence.remove(s.evidence.size() - 1);
            }
            s.evidence.add(new Evidence(signal.type(), signal.exchangeId(), signal.location(),
                    signal.evidence() != null ? signal.evidence() : signal.explanation(), 0, signal.eventTimeMicros()));
        }
        timeline(s, signal);
        Principals p = signal.principals();
        if (p != null && (p.clientIp() == null || !s.addresses.containsKey(p.clientIp()))) {
            // a signal can come before any request was counted (a signature on the first request)
            remember(s, p.clientIp(), p.clientIpSource(), p.credential(), p.user());
        }
        return newType || worse ? IncidentChange.ESCALATED : IncidentChange.UPDATED;
    }

    private static void timeline(IncidentState s, Signal signal) {
        List<TimelineEntry> t = s.timeline;
        if (!t.isEmpty()) {
            TimelineEntry last = t.get(t.size() - 1);
            if (last.type().equals(signal.type())) {
                t.set(t.size() - 1, new TimelineEntry(last.timeMicros(), last.type(),
                        Severity.max(last.severity(), signal.severity()), last.count() + 1, summary(signal)));
                return;
            }
        }
        if (t.size() >= IncidentState.MAX_TIMELINE) {
            t.remove(IncidentState.TIMELINE_HEAD);
        }
        t.add(new TimelineEntry(signal.eventTimeMicros(), signal.type(), signal.severity(), 1, summary(signal)));
    }

    private static String summary(Signal signal) {
        String where = signal.path() == null ? "" : " on " + (signal.method() == null ? "" : signal.method() + " ") + signal.path();
        return signal.type() + where + ": " + signal.explanation();
    }

    private static void touch(IncidentState s, String service, String method, String path) {
        String key = service + ' ' + method + ' ' + path;
        EndpointTouch e = s.endpoints.get(key);
        if (e != null) {
            s.endpoints.put(key, new EndpointTouch(e.serviceKey(), e.endpointId(), e.method(), e.path(), e.requests() + 1));
        } else if (s.endpoints.size() < IncidentState.MAX_ENDPOINTS) {
            s.endpoints.put(key, new EndpointTouch(service, null, method, path, 1));
        }
    }

    private static void remember(IncidentState s, String ip, io.periscope.events.http.ClientIpSource source,
                                 String credential, String user) {
        if (ip != null) {
            ActorAddress a = s.addresses.get(ip);
            if (a != null) {
                s.addresses.put(ip, new ActorAddress(ip, a.source(), a.requests() + 1));
            } else if (s.addresses.size() < IncidentState.MAX_ADDRESSES) {
                s.addresses.put(ip, new ActorAddress(ip, source, 1));
            }
        }
        if (credential != null && s.credentials.size() < IncidentState.MAX_NAMES) {
            s.credentials.add(credential);
        }
        if (user != null && s.users.size() < IncidentState.MAX_NAMES) {
            s.users.add(user);
        }
    }

    private Incident publish(String actorId, IncidentState s, long nowMicros) {
        s.version++;
        IncidentChange change = s.pending == null ? IncidentChange.UPDATED : s.pending;
        s.pending = null;
        s.publishedAtMicros = nowMicros;
        Actor actor = actor(actorId, s);
        Verdict verdict;
        String reason;
        if (s.status == IncidentStatus.DISMISSED) {
            verdict = Verdict.BENIGN;
            reason = s.trusted ? "the actor is trusted" : "dismissed by a user";
        } else if (s.confidence >= settings.blockConfidence() && s.severity.atLeast(Severity.HIGH) && enforceable(actor)) {
            verdict = Verdict.BLOCK;
            reason = String.format(java.util.Locale.ROOT, "%s with confidence %.2f and severity %s from an enforceable principal",
                    String.join(", ", s.types), s.confidence, s.severity);
        } else {
            verdict = Verdict.MONITOR;
            reason = s.severity.atLeast(Severity.HIGH) ? "confidence below the block threshold"
                    : "severity " + s.severity + " is below HIGH";
        }
        List<EndpointTouch> endpoints = new ArrayList<>(s.endpoints.values());
        endpoints.sort(Comparator.comparingLong(EndpointTouch::requests).reversed());
        return new Incident(Incident.SCHEMA_VERSION, s.id, s.version, change, s.status, actor, List.copyOf(s.types),
                s.severity, s.confidence, s.outcome, verdict, reason, s.firstSeenMicros, s.lastSeenMicros,
                s.requestCount, s.signalCount, endpoints, s.evidence, s.timeline, nowMicros);
    }

    private static boolean enforceable(Actor actor) {
        return !actor.credentials().isEmpty() || actor.addresses().stream().anyMatch(a -> a.source() != null);
    }

    private static Actor actor(String actorId, IncidentState s) {
        List<ActorAddress> addresses = new ArrayList<>(s.addresses.values());
        addresses.sort(Comparator.comparingLong(ActorAddress::requests).reversed());
        return new Actor(actorId, addresses, List.copyOf(s.credentials), List.copyOf(s.users), s.trusted);
    }

    private static int rank(IncidentChange c) {
        return switch (c) {
            case UPDATED -> 0;
            case ESCALATED -> 1;
            case REOPENED -> 2;
            case OPENED -> 3;
            case RESOLVED, DISMISSED -> 4;
        };
    }

    /**
     * Stable per actor and campaign: a rebuilt state, or a replay of the same traffic, names the same incident; the
     * opening signal's time keeps it distinct from the actor's earlier campaigns even after its state was evicted.
     */
    static String incidentId(String actorId, long openedMicros) {
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(actorId.getBytes(StandardCharsets.UTF_8));
            return "inc-" + HexFormat.of().formatHex(h, 0, 8) + "-" + Long.toString(openedMicros, 36);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }
}
