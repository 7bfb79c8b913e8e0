package io.periscope.detection.behaviour;

import io.periscope.events.detection.Principals;

/**
 * A successful request for one object, re-keyed by the object ({@link #objectKey()}) so that every principal's
 * accesses to it meet in one place: ownership is a property of the object, not of an actor.
 *
 * @param exchangeId  the exchange
 * @param actorId     who accessed it
 * @param serviceKey  the service
 * @param timeMicros  capture time
 * @param method      request method
 * @param template    path template
 * @param objectId    the object id in the path
 * @param principals  the principals of the request (null user and credential: anonymous, the object is public)
 */
public record ObjectAccess(String exchangeId, String actorId, String serviceKey, long timeMicros, String method,
                           String template, String objectId, Principals principals) {
    static final int MAX_KEY_CHARS = 512;

    /** The object's key: service, template and id (cut to {@value #MAX_KEY_CHARS} characters). */
    public String objectKey() {
        String key = serviceKey + '|' + template + '|' + objectId;
        return key.length() > MAX_KEY_CHARS ? key.substring(0, MAX_KEY_CHARS) : key;
    }

    public boolean authenticated() {
        return principals != null && (principals.user() != null || principals.credential() != null);
    }

    /** The access of an observation worth telling the object about (a 2xx on an object id), or null. */
    public static ObjectAccess of(Observation o) {
        if (o.objectId() == null || o.template() == null || o.method() == null || o.status() < 200 || o.status() >= 300) {
            return null;
        }
        return new ObjectAccess(o.exchangeId(), o.actorId(), o.serviceKey(), o.timeMicros(), o.method(), o.template(),
                o.objectId(), o.principals());
    }
}
