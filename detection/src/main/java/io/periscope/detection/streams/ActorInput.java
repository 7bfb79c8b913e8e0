package io.periscope.detection.streams;

import io.periscope.detection.behaviour.CampaignFinding;
import io.periscope.detection.behaviour.ForeignAccess;
import io.periscope.detection.behaviour.Observation;
import io.periscope.events.detection.DetectionFeedback;

/**
 * What reaches an actor's task over the repartition topic: an observation of one exchange, a user's decision, an
 * access to another principal's object ({@link OwnershipProcessor}), or a stuffing campaign found across addresses
 * ({@link CampaignProcessor}). Exactly one component is set.
 */
record ActorInput(Observation observation, DetectionFeedback feedback, ForeignAccess foreign, CampaignFinding campaign) {

    ActorInput {
        int set = (observation == null ? 0 : 1) + (feedback == null ? 0 : 1) + (foreign == null ? 0 : 1)
                + (campaign == null ? 0 : 1);
        if (set != 1) {
            throw new IllegalArgumentException("an actor input holds one of observation, feedback, foreign, campaign");
        }
    }

    ActorInput(Observation observation, DetectionFeedback feedback) {
        this(observation, feedback, null, null);
    }
}
