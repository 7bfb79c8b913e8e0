package io.periscope.alerts.sign;

import java.security.SecureRandom;
import java.util.Base64;

/**
 * A signing secret in the Standard Webhooks form {@code whsec_<base64 key>}. The HMAC key is the base64-decoded part
 * after the prefix, so receivers using any Standard Webhooks library verify with the string as shown.
 * {@link #toString()} never shows the key: a secret that reaches a log line by accident stays secret.
 */
public final class WebhookSecret {
    public static final String PREFIX = "whsec_";
    /** 32 bytes: the HMAC-SHA256 block of security; the specification accepts 24 to 64. */
    private static final int KEY_BYTES = 32;
    private static final int MIN_KEY_BYTES = 24;
    private static final int MAX_KEY_BYTES = 64;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final byte[] key;

    private WebhookSecret(byte[] key) {
        this.key = key;
    }

    /** A new random secret. */
    public static WebhookSecret generate() {
        byte[] key = new byte[KEY_BYTES];
        RANDOM.nextBytes(key);
        return new WebhookSecret(key);
    }

    /** Parses {@code whsec_...}; throws IllegalArgumentException (without quoting the value) when it is not one. */
    public static WebhookSecret parse(String value) {
        if (value == null || !value.startsWith(PREFIX)) {
            throw new IllegalArgumentException("a signing secret starts with " + PREFIX);
        }
        byte[] key;
        try {
            key = Base64.getDecoder().decode(value.substring(PREFIX.length()));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("a signing secret is " + PREFIX + " followed by base64", e);
        }
        if (key.length < MIN_KEY_BYTES || key.length > MAX_KEY_BYTES) {
            throw new IllegalArgumentException("a signing secret holds " + MIN_KEY_BYTES + " to " + MAX_KEY_BYTES
                    + " bytes, this one " + key.length);
        }
        return new WebhookSecret(key);
    }

    /** The {@code whsec_} form, to show once to the admin who created it, or to seal for storage. */
    public String reveal() {
        return PREFIX + Base64.getEncoder().encodeToString(key);
    }

    byte[] key() {
        return key.clone();
    }

    @Override
    public String toString() {
        return PREFIX + "[redacted]";
    }
}
