package io.periscope.detection.streams;

import io.periscope.detection.behaviour.Observation;
import io.periscope.events.detection.DetectionFeedback;

/**
 * What reaches an actor's task over the repartition topic: an observation of one exchange, or a user's decision.
 * Exactly one component is set.
 */
record ActorInput(Observation observation, DetectionFeedback feedback) {

    ActorInput {
        if ((observation == null) == (feedback == null)) {
            throw new IllegalArgumentException("an actor input holds an observation or a feedback");
        }
    }
}
