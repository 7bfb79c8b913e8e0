package io.periscope.detection.behaviour;

import com.fasterxml.jackson.annotation.JsonAutoDetect;

/**
 * One actor's behavioural state: the current window's counts and the long-horizon baseline. Stored per actor in a
 * changelogged store, so a restart or a move of the partition resumes it.
 */
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
public final class ActorProfile {
    ActorWindow window = new ActorWindow(Long.MIN_VALUE);
    ActorBaseline baseline = new ActorBaseline();
    /** Per credential, where it was last used (travel and hijack span windows; at most 8 credentials). */
    java.util.Map<String, CredentialTrail> trails = new java.util.HashMap<>();

    public long windowStartMicros() {
        return window.startMicros;
    }
}
