package io.periscope.detection.incident;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import io.periscope.events.detection.ActorAddress;
import io.periscope.events.detection.EndpointTouch;
import io.periscope.events.detection.Evidence;
import io.periscope.events.detection.IncidentChange;
import io.periscope.events.detection.IncidentStatus;
import io.periscope.events.detection.Outcome;
import io.periscope.events.detection.Severity;
import io.periscope.events.detection.TimelineEntry;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * One actor's incident state: the current (or latest) incident and what is known of the actor. Invariants:
 * {@code version} is the version last published (0 before the first), so a rebuilt store never publishes a version
 * twice; every collection is bounded (endpoints {@value #MAX_ENDPOINTS}, evidence {@value #MAX_EVIDENCE}, timeline
 * {@value #MAX_TIMELINE} of which the first {@value #TIMELINE_HEAD} are kept, addresses {@value #MAX_ADDRESSES},
 * credentials and users {@value #MAX_NAMES}); {@code pending} is the change not yet published (null when none).
 */
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
public final class IncidentState {
    static final int MAX_ENDPOINTS = 20;
    static final int MAX_EVIDENCE = 10;
    static final int MAX_TIMELINE = 50;
    static final int TIMELINE_HEAD = 10;
    static final int MAX_ADDRESSES = 20;
    static final int MAX_NAMES = 10;

    boolean trusted;
    String id;
    long version;
    IncidentStatus status;
    TreeSet<String> types = new TreeSet<>();
    Severity severity = Severity.LOW;
    double confidence;
    Outcome outcome = Outcome.PROBE;
    long firstSeenMicros;
    long lastSeenMicros;
    long requestCount;
    long signalCount;
    Map<String, EndpointTouch> endpoints = new LinkedHashMap<>();
    List<Evidence> evidence = new ArrayList<>();
    List<TimelineEntry> timeline = new ArrayList<>();
    Map<String, ActorAddress> addresses = new LinkedHashMap<>();
    Set<String> credentials = new LinkedHashSet<>();
    Set<String> users = new LinkedHashSet<>();
    IncidentChange pending;
    long publishedAtMicros;
    /**
     * Requests the actor made while it had no open incident, since it was last quiet for the quiet period: the
     * run-up (the failed sign-ins before stuffing is recognised) belongs to the incident it opens.
     */
    long leadRequests;
    long leadLastMicros;

    public boolean trusted() {
        return trusted;
    }

    public String incidentId() {
        return id;
    }

    public boolean open() {
        return status == IncidentStatus.OPEN;
    }

    /** Whether a change (requests, a throttled update) waits to be published. */
    public boolean hasPendingChange() {
        return id != null && pending != null;
    }

    public IncidentStatus status() {
        return status;
    }

    public long lastSeenMicros() {
        return lastSeenMicros;
    }
}
