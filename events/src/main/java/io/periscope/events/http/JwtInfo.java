package io.periscope.events.http;

import java.util.List;

/**
 * The parts of a JWT that matter for analysis, decoded without verification. Never the signature,
 * never the raw token.
 *
 * @param alg header {@code alg} ({@code none} is a finding)
 * @param kid header {@code kid}, or null
 * @param typ header {@code typ}, or null
 * @param iss claim {@code iss}, or null
 * @param sub claim {@code sub}, or null
 * @param aud claim {@code aud} (a single string becomes a one-element list), or empty
 * @param exp claim {@code exp} in seconds since the epoch, or null when absent
 * @param iat claim {@code iat} in seconds since the epoch, or null when absent
 * @param jti claim {@code jti}, or null
 */
public record JwtInfo(String alg, String kid, String typ, String iss, String sub, List<String> aud, Long exp, Long iat, String jti) {
    public JwtInfo {
        aud = aud == null ? List.of() : List.copyOf(aud);
    }
}
