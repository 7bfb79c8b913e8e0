package io.periscope.events.detection;

import io.periscope.events.Versioned;

import java.util.Objects;

/**
 * A user's decision about detection, published to {@code periscope.detection-feedback} keyed by {@link #key()}
 * (compacted: the latest decision per incident or actor holds). Detection re-keys it by {@link #actorId()}, so it
 * reaches the task that holds the actor's state.
 *
 * @param schemaVersion {@link #SCHEMA_VERSION}
 * @param action        what was decided
 * @param actorId       the actor concerned (always set)
 * @param incidentId    the incident concerned, null for {@link Action#TRUST} and {@link Action#UNTRUST}
 * @param by            who decided (the signed-in user or token name)
 * @param reason        why, as the user wrote it (at most 500 characters)
 * @param atMicros      when (wall clock of the API server)
 */
public record DetectionFeedback(int schemaVersion, Action action, String actorId, String incidentId, String by,
                                String reason, long atMicros) implements Versioned {

    public static final int SCHEMA_VERSION = 1;
    public static final int MAX_REASON = 500;

    /** The decisions a user can take. */
    public enum Action {
        /** The incident is not an attack: status DISMISSED, verdict BENIGN. */
        DISMISS,
        /** A dismissed or resolved incident is open again. */
        REOPEN,
        /** The actor is trusted: no incident opens for it and its traffic does not teach baselines. */
        TRUST,
        /** The actor is no longer trusted. */
        UNTRUST
    }

    public DetectionFeedback {
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(actorId, "actorId");
        if (reason != null && reason.length() > MAX_REASON) {
            reason = reason.substring(0, MAX_REASON);
        }
    }

    /** The key on {@code periscope.detection-feedback}: the incident for incident decisions, the actor otherwise. */
    public String key() {
        return incidentId != null ? incidentId : actorId;
    }
}
