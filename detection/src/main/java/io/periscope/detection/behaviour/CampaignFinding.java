package io.periscope.detection.behaviour;

import io.periscope.events.detection.Principals;

import java.util.List;

/**
 * A low-and-slow stuffing campaign found across addresses, addressed to the campaign's own actor
 * ({@code campaign:<fingerprint>}) so that all its addresses make one incident.
 *
 * @param actorId      {@code campaign:} and the fingerprint
 * @param finding      the behaviour, explaining itself
 * @param serviceKey   the service
 * @param method       the sign-in method
 * @param exchangeId   the attempt that completed it
 * @param principals   that attempt's principals
 * @param addresses    sample addresses of the campaign (at most 20)
 * @param timeMicros   capture time of that attempt
 */
public record CampaignFinding(String actorId, Finding finding, String serviceKey, String method, String exchangeId,
                              Principals principals, List<String> addresses, long timeMicros) {

    public CampaignFinding {
        addresses = addresses == null ? List.of() : List.copyOf(addresses);
    }
}
