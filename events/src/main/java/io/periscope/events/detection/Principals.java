package io.periscope.events.detection;

import io.periscope.events.http.ClientIpSource;
import java.util.Map;

/**
 * The principals one exchange belongs to. Null components are unknown.
 *
 * @param clientIp        the client address as resolved through trusted proxies (never a spoofable left-most entry)
 * @param clientIpSource  which evidence {@code clientIp} came from
 * @param credential      the keyed fingerprint of the credential the request presented (token, API key, session, Basic)
 * @param credentialScheme the credential's scheme ({@code Bearer}, {@code ApiKey}, ...), null without a credential
 * @param user            the authenticated user where the traffic shows it (JWT {@code sub}, sign-in name, configured claim)
 * @param business        configured business identifiers (tenant, account id), by name
 */
public record Principals(String clientIp, ClientIpSource clientIpSource, String credential, String credentialScheme,
                         String user, Map<String, String> business) {

    public Principals {
        business = business == null ? Map.of() : Map.copyOf(business);
    }
}
