package io.periscope.detection.behaviour;

import io.periscope.events.detection.Outcome;

import java.util.List;

/**
 * BOLA / object enumeration (OWASP API1): one actor asking for many distinct object ids under one template, or a run
 * of 403/404 answers on object ids. The distinct-id threshold is the larger of the configured floor and
 * {@code peerFactor} × the peers' p99 of distinct ids per template per window. Ids answered 2xx make it a likely
 * success (the actor read objects it enumerated); only refusals make it a probe.
 */
final class EnumerationDetector implements BehaviourDetector {
    private final BehaviourSettings settings;

    EnumerationDetector(BehaviourSettings settings) {
        this.settings = settings;
    }

    @Override
    public void observe(Observation o, ActorProfile profile, Peers peers, List<Finding> out) {
        if (o.objectId() == null || o.template() == null) {
            return;
        }
        ActorWindow w = profile.window;
        ActorWindow.TemplateCount t = ActorWindow.bounded(w.templates, o.method() + " " + o.template(),
                ActorWindow.MAX_TEMPLATES, ActorWindow.TemplateCount::new);
        if (t == null) {
            return;
        }
        t.requests++;
        t.ids.add(o.objectId());
        if (o.denied() || o.notFound()) {
            t.denied++;
        } else if (o.success()) {
            t.succeeded++;
        }
        long distinct = t.ids.count();
        double baseline = peers.p99(Peers.Metric.DISTINCT_IDS, settings.warmupWindows());
        double threshold = Math.max(settings.bolaDistinctIds(), settings.peerFactor() * baseline);
        String where = o.method() + " " + o.template();
        Outcome outcome = t.succeeded > t.denied ? Outcome.LIKELY_SUCCESS : t.succeeded > 0 ? Outcome.ATTEMPTED : Outcome.PROBE;
        if (distinct >= threshold && w.fire("BOLA:" + outcome)) {
            out.add(Finding.of(BehaviourType.BOLA, outcome, "distinct object ids on " + where + " in one window",
                    distinct, baseline, threshold, o.template()));
        } else if (t.denied >= settings.bolaDeniedIds() && distinct >= settings.bolaDeniedIds() && w.fire("BOLA:" + Outcome.PROBE)) {
            out.add(Finding.of(BehaviourType.BOLA, Outcome.PROBE, "403/404 answers on distinct object ids of " + where,
                    t.denied, 0, settings.bolaDeniedIds(), o.template()));
        }
    }
}
