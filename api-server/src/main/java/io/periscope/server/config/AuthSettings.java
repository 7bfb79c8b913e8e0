package io.periscope.server.config;

import inet.ipaddr.IPAddressString;
import java.time.Duration;
import java.util.List;

/**
 * Authentication of the UI and the REST API.
 *
 * @param adminToken      a token to register as admin at start (from PERISCOPE_ADMIN_TOKEN), or empty
 * @param sessionTtl      how long a UI session lasts after sign-in
 * @param maxFailures     failed sign-ins allowed per client address within {@code failureWindow}
 * @param failureWindow   the window of {@code maxFailures}
 * @param secureCookie    when the session cookie carries the Secure attribute
 * @param metricsOpen     serve /metrics without authentication (for a scraper on a private network)
 * @param trustedProxies  CIDRs of the proxies in front of the HTTP server whose forwarding headers are believed
 *                        when resolving the client address the sign-in throttle counts failures by; empty: the
 *                        TCP peer is the client
 * @param clientIpHeaders the forwarding headers consulted, in order of preference
 */
public record AuthSettings(String adminToken, Duration sessionTtl, int maxFailures, Duration failureWindow,
                           SecureCookie secureCookie, boolean metricsOpen, List<String> trustedProxies,
                           List<String> clientIpHeaders) {

    public AuthSettings {
        trustedProxies = List.copyOf(trustedProxies);
        clientIpHeaders = List.copyOf(clientIpHeaders);
    }

    /** Minimum length of an admin token given by configuration: 192 bits of base64url. */
    public static final int MIN_TOKEN_LENGTH = 32;

    public enum SecureCookie {
        /** Secure when the request arrived over HTTPS (directly or as X-Forwarded-Proto from the load balancer). */
        AUTO,
        ALWAYS,
        NEVER
    }

    @Override
    public String toString() {
        // The admin token is a secret: never print it with the settings.
        return "AuthSettings[adminToken=" + (adminToken.isEmpty() ? "" : "<set>") + ", sessionTtl=" + sessionTtl
                + ", maxFailures=" + maxFailures + ", failureWindow=" + failureWindow
                + ", secureCookie=" + secureCookie + ", metricsOpen=" + metricsOpen + ", trustedProxies=" + trustedProxies
                + ", clientIpHeaders=" + clientIpHeaders + "]";
    }

    static AuthSettings read(ConfigReader config) {
        String adminToken = config.string("periscope.admin-token", "");
        if (!adminToken.isEmpty() && adminToken.length() < MIN_TOKEN_LENGTH) {
            // The value is a secret: name the key, never echo the value.
            throw new ConfigurationException("periscope.admin-token", "<" + adminToken.length() + " characters>",
                    "expected at least " + MIN_TOKEN_LENGTH + " characters (e.g. openssl rand -base64 32)");
        }
        return new AuthSettings(adminToken,
                config.duration("periscope.auth.session-ttl", Duration.ofHours(12)),
                config.integer("periscope.auth.sign-in.max-failures", 5, 1, 1000),
                config.duration("periscope.auth.sign-in.window", Duration.ofMinutes(5)),
                config.enumValue("periscope.auth.cookie-secure", SecureCookie.class, SecureCookie.AUTO),
                config.bool("periscope.http.metrics-open", false),
                config.list("periscope.http.trusted-proxies", List.of(), AuthSettings::cidr,
                        "expected a list of CIDR blocks or addresses, e.g. 10.0.0.0/8,fc00::/7"),
                config.list("periscope.http.client-ip-headers", List.of("X-Forwarded-For", "Forwarded", "X-Real-IP"),
                        AuthSettings::headerName, "expected a list of header names, e.g. X-Forwarded-For,Forwarded"));
    }

    private static String cidr(String value) {
        if (new IPAddressString(value).getAddress() == null) {
            throw new IllegalArgumentException(value);
        }
        return value;
    }

    private static String headerName(String value) {
        if (!value.matches("[A-Za-z0-9!#$%&'*+.^_`|~-]+")) {
            throw new IllegalArgumentException(value);
        }
        return value;
    }
}
