package io.periscope.detection.behaviour;

import java.util.List;

/**
 * One behavioural detector: counts an observation into the actor's window and reports a {@link Finding} when a count
 * crosses its threshold. Detectors hold no state of their own: everything lives in the actor's {@link ActorProfile}
 * (stored with a changelog) and the task's {@link Peers}.
 */
interface BehaviourDetector {

    void observe(Observation o, ActorProfile profile, Peers peers, List<Finding> out);
}
