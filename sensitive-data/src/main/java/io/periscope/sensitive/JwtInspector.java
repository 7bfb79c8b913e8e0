package io.periscope.sensitive;

import com.fasterxml.jackson.databind.JsonNode;
import io.periscope.events.kafka.EventJson;
import java.io.IOException;
import java.util.Base64;
import java.util.Optional;

/** Decodes a compact JWS/JWT header and claims without verifying anything, for detection and posture. */
public final class JwtInspector {
    private static final int MAX_LENGTH = 16 * 1024;

    private JwtInspector() {
    }

    /** What posture needs from a token: its algorithm and whether it expires. */
    public record JwtFacts(String alg, boolean hasExp) {
    }

    /** The token's facts, or empty when {@code value} (optionally prefixed {@code Bearer }) is not a JWT. */
    public static Optional<JwtFacts> inspect(String value) {
        String v = value.regionMatches(true, 0, "Bearer ", 0, 7) ? value.substring(7).trim() : value;
        if (v.length() < 16 || v.length() > MAX_LENGTH || !v.startsWith("eyJ")) {
            return Optional.empty();
        }
        int d1 = v.indexOf('.');
        int d2 = d1 < 0 ? -1 : v.indexOf('.', d1 + 1);
        if (d2 < 0 || v.indexOf('.', d2 + 1) >= 0) {
            return Optional.empty();
        }
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (!(Character.isLetterOrDigit(c) || c == '-' || c == '_' || c == '.') || c > 127) {
                return Optional.empty();
            }
        }
        try {
            JsonNode header = EventJson.mapper().readTree(Base64.getUrlDecoder().decode(v.substring(0, d1)));
            if (header == null || !header.isObject() || !header.path("alg").isTextual()) {
                return Optional.empty();
            }
            JsonNode claims = EventJson.mapper().readTree(Base64.getUrlDecoder().decode(v.substring(d1 + 1, d2)));
            boolean hasExp = claims != null && claims.isObject() && claims.has("exp");
            return Optional.of(new JwtFacts(header.get("alg").asText(), hasExp));
        } catch (IOException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
