package io.periscope.alerts.destination;

/**
 * A signing secret as stored on {@code periscope.alert-destinations}: sealed by {@link SecretBox}, never in clear.
 *
 * @param sealed           the secret, encrypted and authenticated
 * @param createdAtMillis  when it was generated
 * @param expiresAtMillis  0 for the current secret; for a secret replaced by a rotation, the end of its grace period
 */
public record SealedSecret(String sealed, long createdAtMillis, long expiresAtMillis) {

    /** Whether it still signs at {@code nowMillis}. */
    public boolean activeAt(long nowMillis) {
        return expiresAtMillis == 0 || nowMillis < expiresAtMillis;
    }

    @Override
    public String toString() {
        return "SealedSecret[created " + createdAtMillis + ", expires " + expiresAtMillis + "]";
    }
}
