package io.periscope.detection.behaviour;

import io.periscope.detection.endpoint.PathTemplate;
import io.periscope.detection.endpoint.PathTemplates;
import io.periscope.events.detection.Principals;
import io.periscope.events.http.Body;

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
 * @param created     the request created the object (a POST to its collection whose answer named its id)
 */
public record ObjectAccess(String exchangeId, String actorId, String serviceKey, long timeMicros, String method,
                           String template, String objectId, Principals principals, boolean created) {
    static final int MAX_KEY_CHARS = 512;

    /** The object's key: service, template and id (cut to {@value #MAX_KEY_CHARS} characters). */
    public String objectKey() {
        String key = serviceKey + '|' + template + '|' + objectId;
        return key.length() > MAX_KEY_CHARS ? key.substring(0, MAX_KEY_CHARS) : key;
    }

    public boolean authenticated() {
        return principals != null && (principals.user() != null || principals.credential() != null);
    }

    /**
     * The id a successful POST's JSON answer gave the object it created (its top-level {@code id}), or null; read
     * within {@link BodyProperties}' bounds.
     */
    public static String createdId(String method, int status, Body response) {
        if (!"POST".equalsIgnoreCase(method) || status < 200 || status >= 300 || response == null
                || response.content().length == 0 || !response.holdsJson()) {
            return null;
        }
        return BodyProperties.createdId(response.content());
    }

    /**
     * The access of an observation worth telling the object about, or null: a 2xx on an object id, or a creation
     * (the collection's template followed by {@code /{id}} names the created object, when the id is id-shaped).
     */
    public static ObjectAccess of(Observation o) {
        if (o.template() == null || o.method() == null || o.status() < 200 || o.status() >= 300) {
            return null;
        }
        if (o.createdId() != null && "POST".equalsIgnoreCase(o.method())) {
            PathTemplate item = PathTemplates.of(o.template() + "/" + o.createdId());
            if (o.createdId().equals(item.objectId())) {
                return new ObjectAccess(o.exchangeId(), o.actorId(), o.serviceKey(), o.timeMicros(), o.method(),
                        item.template(), item.objectId(), o.principals(), true);
            }
        }
        if (o.objectId() == null) {
            return null;
        }
        return new ObjectAccess(o.exchangeId(), o.actorId(), o.serviceKey(), o.timeMicros(), o.method(), o.template(),
                o.objectId(), o.principals(), false);
    }
}
