package io.periscope.discovery.catalog;

import io.periscope.events.catalog.FindingType;
import io.periscope.events.catalog.PostureFinding;

/**
 * One posture finding on an endpoint (or on a service, for findings no endpoint owns), counted over exchanges. Invariants: {@code firstSeenMicros <= lastSeenMicros};
 * {@code dirty} means changed since last published.
 */
final class FindingAggregate {
    private final String id;
    private final FindingType type;
    private final String subject;
    private final String evidence;
    private long count;
    private long firstSeenMicros;
    private long lastSeenMicros;
    private boolean dirty;

    /**
     * Counts a sighting at {@code at} of the finding {@code id} among {@code findings}, creating it when new.
     *
     * @return whether the finding is new
     */
    static boolean record(java.util.Map<String, FindingAggregate> findings, String id, FindingType type, String subject,
                          String evidence, long at) {
        FindingAggregate agg = findings.get(id);
        boolean created = agg == null;
        if (created) {
            agg = new FindingAggregate(id, type, subject, evidence, at);
            findings.put(id, agg);
        }
        agg.seen(at);
        return created;
    }

    FindingAggregate(String id, FindingType type, String subject, String evidence, long at) {
        this.id = id;
        this.type = type;
        this.subject = subject;
        this.evidence = evidence;
        this.firstSeenMicros = at;
        this.lastSeenMicros = at;
    }

    void seen(long at) {
        count++;
        lastSeenMicros = Math.max(lastSeenMicros, at);
        dirty = true;
    }

    void absorb(FindingAggregate o) {
        count += o.count;
        firstSeenMicros = Math.min(firstSeenMicros, o.firstSeenMicros);
        lastSeenMicros = Math.max(lastSeenMicros, o.lastSeenMicros);
        dirty = true;
    }

    FindingType type() {
        return type;
    }

    String subject() {
        return subject;
    }

    /** This finding under the id it gets on another endpoint (templates merged). */
    FindingAggregate movedTo(String newId) {
        FindingAggregate moved = new FindingAggregate(newId, type, subject, evidence, firstSeenMicros);
        moved.absorb(this);
        return moved;
    }

    /** Whether the finding changed since last published; it then counts as published. */
    boolean takeDirty() {
        boolean was = dirty;
        dirty = false;
        return was;
    }

    void markDirty() {
        dirty = true;
    }

    PostureFinding toFinding(EndpointAggregate ep) {
        return new PostureFinding(PostureFinding.SCHEMA_VERSION, id, type, type.severity(), ep.serviceKey(), ep.id(),
                ep.method(), ep.template(), subject, evidence, type.remediation(), count, firstSeenMicros, lastSeenMicros);
    }

    /**
     * The finding of a service, which no endpoint owns: its endpoint id, method and template are empty, so the
     * catalog's per-endpoint views never list it while {@code periscope.findings} carries it to detection.
     */
    PostureFinding toServiceFinding(String serviceKey) {
        return new PostureFinding(PostureFinding.SCHEMA_VERSION, id, type, type.severity(), serviceKey, "", "", "",
                subject, evidence, type.remediation(), count, firstSeenMicros, lastSeenMicros);
    }

    static FindingAggregate from(PostureFinding f) {
        FindingAggregate a = new FindingAggregate(f.id(), f.type(), f.subject(), f.evidence(), f.firstSeenMicros());
        a.count = f.count();
        a.lastSeenMicros = f.lastSeenMicros();
        return a;
    }
}
