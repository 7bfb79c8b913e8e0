package io.periscope.reassembly.enrich;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Keyed credential fingerprints: hex of the first 16 bytes of HMAC-SHA256(secret, value). Stable per
 * install (a principal id), irreversible, and not recomputable by anyone without the secret, so a
 * leaked event stream cannot be used to confirm guessed tokens. One instance per worker thread.
 */
public final class Fingerprinter {
    private final Mac mac;

    public Fingerprinter(byte[] secret) {
        try {
            mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    public String fingerprint(String value) {
        byte[] h = mac.doFinal(value.getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(h, 0, 16);
    }
}
