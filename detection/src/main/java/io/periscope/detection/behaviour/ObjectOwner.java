package io.periscope.detection.behaviour;

import com.fasterxml.jackson.annotation.JsonAutoDetect;

import java.util.HashMap;
import java.util.Map;

/**
 * What is known of one object (service, template, id) for ownership. Invariants: {@code owner} is the actor with the
 * most successful accesses among {@code accessors} unless {@code identity} or {@code created} fixed it; {@code accessors} holds at most
 * {@code OwnershipSettings.sharedAccessors} authenticated actors, and reaching that many makes the object
 * {@code shared} for good, after which the map is emptied (nobody owns a shared object); an anonymous 2xx makes it
 * {@code shared} too (it is public).
 */
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
public final class ObjectOwner {
    String owner;
    boolean identity;
    boolean created;
    boolean shared;
    Map<String, Integer> accessors = new HashMap<>();
    long lastSeenMicros;

    public long lastSeenMicros() {
        return lastSeenMicros;
    }

    /** Nobody owns it (read anonymously, or by enough principals); final. */
    public boolean shared() {
        return shared;
    }
}
