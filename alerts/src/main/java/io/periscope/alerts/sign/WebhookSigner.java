package io.periscope.alerts.sign;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.List;
import java.util.StringJoiner;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs a delivery per the Standard Webhooks specification: HMAC-SHA256 over {@code id.timestamp.body} with each
 * active secret, each signature as {@code v1,<base64>}, space-separated. During a rotation both the new and the old
 * secret sign, so a receiver still configured with the old one keeps verifying until it switches.
 */
public final class WebhookSigner {
    private static final String HMAC = "HmacSHA256";

    private WebhookSigner() {
    }

    public static SignedHeaders sign(String id, long timestampSeconds, byte[] body, List<WebhookSecret> secrets) {
        if (secrets.isEmpty()) {
            throw new IllegalArgumentException("a delivery is signed with at least one secret");
        }
        if (id.indexOf('.') >= 0) {
            // the signed content is "id.timestamp.body": a dot in the id would make it ambiguous
            throw new IllegalArgumentException("a webhook id has no dot");
        }
        byte[] prefix = (id + "." + timestampSeconds + ".").getBytes(StandardCharsets.UTF_8);
        StringJoiner signatures = new StringJoiner(" ");
        for (WebhookSecret secret : secrets) {
            signatures.add("v1," + Base64.getEncoder().encodeToString(hmac(secret.key(), prefix, body)));
        }
        return new SignedHeaders(id, timestampSeconds, signatures.toString());
    }

    private static byte[] hmac(byte[] key, byte[] prefix, byte[] body) {
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(new SecretKeySpec(key, HMAC));
            mac.update(prefix);
            return mac.doFinal(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java platform has " + HMAC, e);
        }
    }
}
