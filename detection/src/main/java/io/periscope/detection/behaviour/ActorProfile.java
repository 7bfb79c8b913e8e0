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

    public long windowStartMicros() {
        return window.startMicros;
    }
}
