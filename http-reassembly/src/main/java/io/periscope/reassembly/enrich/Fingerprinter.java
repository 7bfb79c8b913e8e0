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
    /** Label of the password key: HMAC(install secret, label). Changing it changes every password fingerprint. */
    static final String PASSWORD_KEY_LABEL = "periscope/password-fingerprint/v1";

    private final Mac mac;

    public Fingerprinter(byte[] secret) {
        try {
            mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    /**
     * The fingerprinter of passwords, keyed by a key derived from the install secret with its own label: a
     * password and a token that happen to be equal get unrelated fingerprints, and password fingerprints
     * can be withheld from every view while still showing one password reused across accounts.
     */
    public static Fingerprinter forPasswords(byte[] installSecret) {
        Fingerprinter install = new Fingerprinter(installSecret);
        return new Fingerprinter(install.mac.doFinal(PASSWORD_KEY_LABEL.getBytes(StandardCharsets.UTF_8)));
    }

    public String fingerprint(String value) {
        byte[] h = mac.doFinal(value.getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(h, 0, 16);
    }
}
