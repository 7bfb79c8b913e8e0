package io.periscope.events.detection;

/**
 * What the server's answer says about an attempt. Outcome, not the payload alone, decides how much an attempt matters:
 * the same payload is a probe when refused and a likely success when answered 200 with a large or error-revealing body.
 */
public enum Outcome {
    /** Refused or not found (400, 401, 403, 404, 405, 429): the attempt did not reach anything. */
    PROBE,
    /** Answered, but nothing in the answer says whether it worked (or no response was seen). */
    ATTEMPTED,
    /** Answered in a way that shows it worked: 2xx with an unusual or error-revealing body, a forged token accepted. */
    LIKELY_SUCCESS;

    public static Outcome max(Outcome a, Outcome b) {
        return a.compareTo(b) >= 0 ? a : b;
    }
}
