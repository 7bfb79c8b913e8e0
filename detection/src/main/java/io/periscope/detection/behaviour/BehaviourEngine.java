package io.periscope.detection.behaviour;

import java.util.ArrayList;
import java.util.List;

/**
 * Runs every behavioural detector over one actor's observations in event time. Windows are tumbling per actor,
 * starting at the actor's first observation; an observation past the end closes the window: its counts join the
 * actor's baseline and, unless {@code learn} is false (trusted actor, open incident), the peers' distributions.
 * An observation older than the window start (out of order) is counted in the current window.
 */
public final class BehaviourEngine {
    private final BehaviourSettings settings;
    private final List<BehaviourDetector> detectors;
    private final ForeignObjectDetector foreign;

    public BehaviourEngine(BehaviourSettings settings) {
        this.settings = settings;
        this.detectors = List.of(new VolumeDetector(settings), new EnumerationDetector(settings),
                new SignInAbuseDetector(settings), new ReconnaissanceDetector(settings),
                new TokenSharingDetector(settings), new JwtTamperingDetector(settings),
                new TravelDetector(settings.travel()));
        this.foreign = new ForeignObjectDetector(settings);
    }

    public BehaviourSettings settings() {
        return settings;
    }

    /** Counts {@code o} into the profile and returns the behaviours it completed. */
    public List<Finding> observe(Observation o, ActorProfile profile, Peers peers, boolean learn) {
        roll(profile, peers, o.timeMicros(), learn);
        List<Finding> out = new ArrayList<>(0);
        for (BehaviourDetector d : detectors) {
            d.observe(o, profile, peers, out);
        }
        return out;
    }

    /**
     * Counts an access to another principal's object (learned where the object's accesses meet) into the profile
     * and returns the behaviours it completed.
     */
    public List<Finding> foreignAccess(ForeignAccess f, ActorProfile profile, Peers peers, boolean learn) {
        roll(profile, peers, f.timeMicros(), learn);
        List<Finding> out = new ArrayList<>(0);
        foreign.observe(f, profile, peers, out);
        return out;
    }

    /** Closes the window when {@code nowMicros} is past its end. */
    public void roll(ActorProfile profile, Peers peers, long nowMicros, boolean learn) {
        ActorWindow w = profile.window;
        if (w.startMicros == Long.MIN_VALUE) {
            w.startMicros = nowMicros;
            return;
        }
        if (nowMicros < w.startMicros + settings.windowMicros()) {
            return;
        }
        if (w.requests > 0) {
            profile.baseline.close(w, w.startMicros + settings.windowMicros());
            if (learn) {
                peers.add(Peers.Metric.REQUESTS, w.requests);
                peers.add(Peers.Metric.BYTES, w.bytes);
                peers.add(Peers.Metric.SUCCESSFUL_READS, w.successfulReads);
                peers.add(Peers.Metric.NOT_FOUND_PATHS, w.notFoundPaths.count());
                for (ActorWindow.TemplateCount t : w.templates.values()) {
                    peers.add(Peers.Metric.DISTINCT_IDS, t.ids.count());
                }
                for (Distinct foreignObjects : w.foreignObjects.values()) {
                    peers.add(Peers.Metric.FOREIGN_OBJECTS, foreignObjects.count());
                }
            }
        }
        long elapsed = (nowMicros - w.startMicros) / settings.windowMicros();
        profile.window = new ActorWindow(w.startMicros + elapsed * settings.windowMicros());
    }
}
