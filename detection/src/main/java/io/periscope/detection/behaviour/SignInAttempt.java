package io.periscope.detection.behaviour;

import io.periscope.events.detection.Principals;

/**
 * A sign-in attempt re-keyed by the client fingerprint that sent it ({@code principal/ClientFingerprint}), so that the
 * attempts of many addresses running one tool meet in one place.
 *
 * @param exchangeId   the exchange
 * @param actorId      the actor of the attempt (usually its address)
 * @param fingerprint  the client fingerprint
 * @param serviceKey   the service
 * @param template     the sign-in endpoint's path template
 * @param timeMicros   capture time
 * @param login        the account named (masked when an e-mail address), null when not visible
 * @param status       the answer's status, 0 when none was seen
 * @param principals   the attempt's principals
 */
public record SignInAttempt(String exchangeId, String actorId, String fingerprint, String serviceKey, String template,
                            long timeMicros, String login, int status, Principals principals) {

    /**
     * What attempts are re-keyed by for the campaigns step: service and sign-in endpoint. Every attempt on one endpoint
     * meets on one task, whatever its fingerprint or address, so campaigns can be linked there by client fingerprint
     * and by the accounts tried.
     */
    public String campaignKey() {
        return serviceKey + '|' + template;
    }

    /** A fingerprint campaign's key: fingerprint, service and sign-in endpoint. */
    public String fingerprintKey() {
        return fingerprint + '|' + serviceKey + '|' + template;
    }

    boolean failed() {
        return status >= 400 && status < 500 && status != 429;
    }

    boolean succeeded() {
        return status >= 200 && status < 300;
    }

    /** The attempt of a sign-in observation that carries a fingerprint, or null. */
    public static SignInAttempt of(Observation o) {
        if (!o.signInEndpoint() || o.clientFingerprint() == null || o.status() == 0) {
            return null;
        }
        return new SignInAttempt(o.exchangeId(), o.actorId(), o.clientFingerprint(), o.serviceKey(), o.template(),
                o.timeMicros(), o.signIn() == null ? null : o.signIn().login(), o.status(), o.principals());
    }
}
