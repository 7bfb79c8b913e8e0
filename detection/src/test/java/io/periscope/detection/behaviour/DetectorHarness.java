package io.periscope.detection.behaviour;

import java.util.ArrayList;
import java.util.List;

/** Runs one actor's observations through the engine and collects what it found. */
final class DetectorHarness {
    final BehaviourEngine engine;
    final ActorProfile profile = new ActorProfile();
    final Peers peers = new Peers();
    final List<Finding> findings = new ArrayList<>();

    DetectorHarness() {
        this(BehaviourSettings.defaults());
    }

    DetectorHarness(BehaviourSettings settings) {
        this.engine = new BehaviourEngine(settings);
    }

    DetectorHarness feed(Obs o) {
        findings.addAll(engine.observe(o.build(), profile, peers, true));
        return this;
    }

    List<BehaviourType> types() {
        return findings.stream().map(Finding::type).toList();
    }
}
