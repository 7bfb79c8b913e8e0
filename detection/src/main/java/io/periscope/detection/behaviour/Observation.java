package io.periscope.detection.behaviour;

import io.periscope.detection.principal.SignIn;
import io.periscope.events.detection.Principals;
import io.periscope.events.detection.Signal;
import io.periscope.events.http.JwtInfo;

import java.util.List;

/**
 * What behaviour detection needs of one exchange, small enough to re-key by actor: the exchange itself stays on
 * its service partition, only this crosses the repartition topic.
 *
 * @param exchangeId      the exchange
 * @param actorId         the actor it belongs to
 * @param serviceKey      the service
 * @param timeMicros      capture time of the request (of the response when no request was seen)
 * @param method          request method, null when no request was seen
 * @param template        the path template ({@link io.periscope.detection.endpoint.PathTemplates})
 * @param objectId        the object id the path addressed, null when none
 * @param status          response status, 0 when no response was seen
 * @param responseBytes   response body length on the wire
 * @param userAgent       User-Agent, at most 256 characters, null when absent
 * @param principals      who sent it
 * @param jwt             the presented JWT's header and claims, null without one
 * @param signIn          the sign-in it attempted, null when it is not one
 * @param signInEndpoint  whether the endpoint is a sign-in endpoint (learned or configured)
 * @param signatures      signature signals of the exchange (already attributed to the actor)
 * @param clientFingerprint the client fingerprint of a sign-in attempt ({@code principal/ClientFingerprint}), null
 *                        otherwise: it links the addresses of one stuffing tool
 * @param createdId       the id a successful POST's JSON response gave the object it created (top-level {@code id}),
 *                        null otherwise: its creator owns it
 */
public record Observation(String exchangeId, String actorId, String serviceKey, long timeMicros, String method,
                          String template, String objectId, int status, long responseBytes, String userAgent,
                          Principals principals, JwtInfo jwt, SignIn signIn, boolean signInEndpoint,
                          List<Signal> signatures, String clientFingerprint, String createdId) {

    public Observation {
        signatures = signatures == null ? List.of() : List.copyOf(signatures);
    }

    /** An observation without a client fingerprint (not a sign-in, or none computed). */
    public Observation(String exchangeId, String actorId, String serviceKey, long timeMicros, String method,
                       String template, String objectId, int status, long responseBytes, String userAgent,
                       Principals principals, JwtInfo jwt, SignIn signIn, boolean signInEndpoint,
                       List<Signal> signatures) {
        this(exchangeId, actorId, serviceKey, timeMicros, method, template, objectId, status, responseBytes, userAgent,
                principals, jwt, signIn, signInEndpoint, signatures, null, null);
    }

    public boolean success() {
        return status >= 200 && status < 400;
    }

    public boolean denied() {
        return status == 401 || status == 403;
    }

    public boolean notFound() {
        return status == 404;
    }

    public boolean error() {
        return status >= 400;
    }
}
