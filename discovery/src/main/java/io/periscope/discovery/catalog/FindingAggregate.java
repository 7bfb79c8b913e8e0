package io.periscope.discovery.catalog;

import io.periscope.events.catalog.FindingType;
import io.periscope.events.catalog.PostureFinding;

/** One posture finding on an endpoint, counted over exchanges. {@code dirty} means not yet published. */
final class FindingAggregate {
    final String id;
    final FindingType type;
    final String subject;
    String evidence;
    long count;
    long firstSeenMicros;
    long lastSeenMicros;
    boolean dirty;

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

    PostureFinding toFinding(EndpointAggregate ep) {
        return new PostureFinding(PostureFinding.SCHEMA_VERSION, id, type, type.severity(), ep.serviceKey, ep.id,
                ep.method, ep.template, subject, evidence, type.remediation(), count, firstSeenMicros, lastSeenMicros);
    }

    static FindingAggregate from(PostureFinding f) {
        FindingAggregate a = new FindingAggregate(f.id(), f.type(), f.subject(), f.evidence(), f.firstSeenMicros());
        a.count = f.count();
        a.lastSeenMicros = f.lastSeenMicros();
        return a;
    }
}
