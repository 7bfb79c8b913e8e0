package io.periscope.server.secretcapture;

import java.util.Objects;

/**
 * One raw secret or sensitive value the secrets capture carries, that must never leave the sensor as it
 * was sent.
 *
 * @param kind  what the value is
 * @param where where the capture carries it (e.g. {@code "sign-in JSON body"}), for failure messages
 * @param value the raw value; never print it, use {@link #describe()}
 */
public record Needle(Kind kind, String where, String value) {

    /** What a needle is; credentials are fingerprinted by the sensor, sensitive values masked. */
    public enum Kind {
        JWT(true), OPAQUE_TOKEN(true), PASSWORD(true), BASIC_CREDENTIAL(true), API_TOKEN(true), CLIENT_SECRET(true),
        URL_SIGNATURE(true), AWS_ACCESS_KEY_ID(true), AWS_SECRET_KEY(true), AWS_SESSION_TOKEN(true),
        PRIVATE_KEY(true), PASSWORD_HASH(true), SESSION_COOKIE(true),
        PAYMENT_CARD(false), IBAN(false), US_SSN(false), DATE_OF_BIRTH(false), PHONE(false), EMAIL(false);

        private final boolean credential;

        Kind(boolean credential) {
            this.credential = credential;
        }

        public boolean credential() {
            return credential;
        }
    }

    public Needle {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(where, "where");
        if (value == null || value.length() < 8) {
            throw new IllegalArgumentException("a needle needs at least 8 characters to be found without false alarms");
        }
    }

    /** Kind, carrier and a hint of the value (its first 4 characters and length): never the secret itself. */
    public String describe() {
        return kind + " (" + where + ", " + value.substring(0, 4) + "… " + value.length() + " chars)";
    }

    @Override
    public String toString() {
        return describe();
    }
}
