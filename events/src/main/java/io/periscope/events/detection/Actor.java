package io.periscope.events.detection;

import java.util.List;
import java.util.Objects;

/**
 * One attacker as detection sees it: principals joined by what they share (a token used from several addresses, a
 * user behind several tokens). Lists are bounded by the producer (the most active first).
 *
 * @param id          stable actor id (the key of {@code periscope.signals}; the first principal that named it)
 * @param addresses   client addresses
 * @param credentials keyed credential fingerprints
 * @param users       authenticated user names (as the traffic showed them; a sign-in name is not a secret)
 * @param trusted     whether an admin marked the actor trusted (no incident opens for it)
 */
public record Actor(String id, List<ActorAddress> addresses, List<String> credentials, List<String> users,
                    boolean trusted) {

    public Actor {
        Objects.requireNonNull(id, "id");
        addresses = addresses == null ? List.of() : List.copyOf(addresses);
        credentials = credentials == null ? List.of() : List.copyOf(credentials);
        users = users == null ? List.of() : List.copyOf(users);
    }
}
