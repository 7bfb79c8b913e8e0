package io.periscope.server.attacklab;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The lab API's bearer tokens: HS256 JWTs under a fictional key that nothing else ever trusted. The API verifies
 * the signature and the expiry, as a real resource server would, so a forged or stale token gets 401.
 */
final class LabTokens {
    private static final byte[] KEY = "attack-lab-signing-key-fictional-not-a-secret".getBytes(StandardCharsets.US_ASCII);
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final String HEADER = B64.encodeToString("{\"alg\":\"HS256\",\"typ\":\"JWT\",\"kid\":\"lab-1\"}"
            .getBytes(StandardCharsets.UTF_8));
    static final long LIFETIME_SECONDS = 3600;

    private LabTokens() {
    }

    static String issue(LabAccount account, long nowSeconds) {
        String claims = "{\"sub\":\"" + account.id() + "\",\"name\":\"" + account.name() + "\",\"scope\":\"orders profile\""
                + ",\"iat\":" + nowSeconds + ",\"exp\":" + (nowSeconds + LIFETIME_SECONDS) + "}";
        String signingInput = HEADER + "." + B64.encodeToString(claims.getBytes(StandardCharsets.UTF_8));
        return signingInput + "." + B64.encodeToString(sign(signingInput));
    }

    /** The subject of a token whose signature verifies and which has not expired, or null. */
    static String verifiedSubject(String token, long nowSeconds) {
        if (token == null || token.length() > 4096) {
            return null;
        }
        int second = token.lastIndexOf('.');
        int first = token.indexOf('.');
        if (first <= 0 || second <= first) {
            return null;
        }
        byte[] signature;
        try {
            signature = Base64.getUrlDecoder().decode(token.substring(second + 1));
        } catch (IllegalArgumentException e) {
            return null;
        }
        if (!MessageDigest.isEqual(signature, sign(token.substring(0, second)))) {
            return null;
        }
        String claims = new String(Base64.getUrlDecoder().decode(token.substring(first + 1, second)), StandardCharsets.UTF_8);
        long exp = Long.parseLong(field(claims, "\"exp\":", ",}"));
        return exp > nowSeconds ? field(claims, "\"sub\":\"", "\"") : null;
    }

    /** A field of claims this class wrote itself (signature verified): no general JSON needed. */
    private static String field(String claims, String prefix, String stops) {
        int start = claims.indexOf(prefix) + prefix.length();
        int end = start;
        while (end < claims.length() && stops.indexOf(claims.charAt(end)) < 0) {
            end++;
        }
        return claims.substring(start, end);
    }

    private static byte[] sign(String signingInput) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(KEY, "HmacSHA256"));
            return mac.doFinal(signingInput.getBytes(StandardCharsets.US_ASCII));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
