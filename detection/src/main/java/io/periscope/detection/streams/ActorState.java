package io.periscope.detection.streams;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import io.periscope.detection.behaviour.ActorProfile;
import io.periscope.detection.incident.IncidentState;

/** Everything stored per actor: behaviour, incident, and when it was last seen (for idle eviction). */
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
final class ActorState {
    ActorProfile profile = new ActorProfile();
    IncidentState incident = new IncidentState();
    long lastSeenMicros;
}
