package io.periscope.server.incidents;

import io.periscope.events.detection.ActorAddress;
import io.periscope.events.detection.DetectionFeedback;

import java.util.List;

/**
 * Everything known about one actor: its principals as its incidents saw them, whether it is trusted, and its
 * incidents (newest first).
 *
 * @param id           the actor id
 * @param trusted      whether an admin marked it trusted
 * @param trustedBy    who did, null when not trusted
 * @param trustReason  why, null when not trusted
 * @param addresses    client addresses, most requests first (plain strings in {@code ip})
 * @param credentials  keyed credential fingerprints (never a raw credential)
 * @param users        user names
 * @param incidents    its incidents
 */
public record ActorView(String id, boolean trusted, String trustedBy, String trustReason, List<ActorAddress> addresses,
                        List<String> credentials, List<String> users, List<IncidentSummary> incidents) {

    static boolean trusted(DetectionFeedback f) {
        return f != null && f.action() == DetectionFeedback.Action.TRUST;
    }
}
