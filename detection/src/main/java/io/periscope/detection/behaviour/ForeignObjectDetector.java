package io.periscope.detection.behaviour;

import io.periscope.events.detection.Outcome;

import java.util.List;

/**
 * BOLA on objects other principals own (OWASP API1): counts, per template and window, the distinct objects of other
 * owners an actor accessed successfully ({@link ForeignAccess}, learned by {@link Ownership} where the object's
 * accesses meet). The threshold is the larger of {@code ownership.foreign-objects} and {@code peerFactor} × the peers'
 * p99 of that count, so an API where principals legitimately share objects raises its own bar. Every counted access
 * was answered 2xx: a finding is a likely success; a write (PUT, PATCH, DELETE, POST) to another's object makes it
 * critical.
 */
final class ForeignObjectDetector {
    private final BehaviourSettings settings;

    ForeignObjectDetector(BehaviourSettings settings) {
        this.settings = settings;
    }

    void observe(ForeignAccess f, ActorProfile profile, Peers peers, List<Finding> out) {
        ActorWindow w = profile.window;
        String where = f.method() + " " + f.template();
        Distinct objects = ActorWindow.bounded(w.foreignObjects, f.template(), ActorWindow.MAX_TEMPLATES, Distinct::new);
        if (objects == null) {
            return;
        }
        objects.add(f.objectId());
        boolean write = !"GET".equalsIgnoreCase(f.method()) && !"HEAD".equalsIgnoreCase(f.method());
        if (write) {
            w.foreignWrites++;
        }
        long n = objects.count();
        double baseline = peers.p99(Peers.Metric.FOREIGN_OBJECTS, settings.warmupWindows());
        double threshold = Math.max(settings.ownership().foreignObjects(), settings.peerFactor() * baseline);
        if (n >= threshold && w.fire("BOLA_FOREIGN_OBJECTS:" + f.template() + (write ? ":write" : ""))) {
            Finding finding = Finding.of(BehaviourType.BOLA_FOREIGN_OBJECTS, Outcome.LIKELY_SUCCESS,
                    "distinct objects owned by other principals (" + evidence(f) + ") accessed with 2xx on " + where
                            + " in one window", n, baseline, threshold, f.template());
            out.add(write ? finding.escalated(io.periscope.events.detection.Severity.CRITICAL, Outcome.LIKELY_SUCCESS)
                    : finding);
        }
    }

    private static String evidence(ForeignAccess f) {
        return switch (f.ownedBy()) {
            case IDENTITY -> "the id is the owner's user";
            case CREATED -> "the owner created it";
            case REPEATED_USE -> "the owner used it repeatedly";
        };
    }
}
