package io.periscope.detection.behaviour;

import io.periscope.events.detection.Principals;

/**
 * A fact sent back to the accessing actor: it accessed (2xx) an object another principal owns.
 *
 * @param exchangeId  the exchange of the access
 * @param actorId     the accessing actor
 * @param serviceKey  the service
 * @param timeMicros  capture time of the access
 * @param method      request method
 * @param template    path template
 * @param objectId    the object id
 * @param ownedBy     why the object is another's: {@link OwnerEvidence}
 * @param principals  the accessing request's principals
 */
public record ForeignAccess(String exchangeId, String actorId, String serviceKey, long timeMicros, String method,
                            String template, String objectId, OwnerEvidence ownedBy, Principals principals) {

    /** How an object's owner was learned. */
    public enum OwnerEvidence {
        /** the id is the owner's own user name (JWT sub, gateway header, Basic user) */
        IDENTITY,
        /** the owner created it (a POST whose answer named the id) */
        CREATED,
        /** the owner used the object repeatedly and no third principal did */
        REPEATED_USE
    }
}
