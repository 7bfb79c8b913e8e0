package io.periscope.reassembly.enrich;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.periscope.events.http.JwtInfo;
import io.periscope.events.kafka.EventJson;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Reads the header and the claims that matter from a JWS compact token, without verifying it and
 * without ever returning the signature.
 */
public final class JwtDecoder {
    private static final ObjectMapper JSON = EventJson.mapper();
    private static final int MAX_TOKEN = 16 * 1024;

    private JwtDecoder() {
    }

    /** The decoded parts, or null when the value is not a JWS compact token with a JSON header naming alg. */
    public static JwtInfo decode(String token) {
        if (token.length() > MAX_TOKEN || token.length() < 10 || token.charAt(0) != 'e') {
            return null;
        }
        int d1 = token.indexOf('.');
        int d2 = d1 < 0 ? -1 : token.indexOf('.', d1 + 1);
        if (d1 <= 0 || d2 < 0 || token.indexOf('.', d2 + 1) >= 0) {
            return null;
        }
        try {
            JsonNode header = JSON.readTree(Base64.getUrlDecoder().decode(unpad(token.substring(0, d1))));
            if (header == null || !header.isObject() || !header.path("alg").isTextual()) {
                return null;
            }
            JsonNode claims = d2 > d1 + 1
                    ? JSON.readTree(Base64.getUrlDecoder().decode(unpad(token.substring(d1 + 1, d2)))) : null;
            if (claims == null || !claims.isObject()) {
                claims = JSON.createObjectNode();
            }
            return new JwtInfo(text(header, "alg"), text(header, "kid"), text(header, "typ"),
                    text(claims, "iss"), text(claims, "sub"), audience(claims.get("aud")),
                    number(claims, "exp"), number(claims, "iat"), text(claims, "jti"));
        } catch (IllegalArgumentException | java.io.IOException e) {
            return null;
        }
    }

    private static String unpad(String s) {
        return s.endsWith("=") ? s.replace("=", "") : s;
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.isValueNode() ? v.asText() : v.toString();
    }

    private static Long number(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v != null && v.isNumber() ? v.asLong() : null;
    }

    private static List<String> audience(JsonNode aud) {
        if (aud == null || aud.isNull()) {
            return List.of();
        }
        if (aud.isArray()) {
            List<String> out = new ArrayList<>();
            aud.forEach(a -> out.add(a.asText()));
            return out;
        }
        return List.of(aud.asText());
    }
}
