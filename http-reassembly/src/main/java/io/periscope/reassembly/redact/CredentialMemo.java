package io.periscope.reassembly.redact;

import io.periscope.events.http.JwtInfo;
import io.periscope.reassembly.enrich.Fingerprinter;
import io.periscope.reassembly.enrich.JwtDecoder;

/**
 * The fingerprint and decoded JWT of the credentials a worker saw last, so that a token presented on every request
 * of a keep-alive connection (or by every connection of one client) costs one HMAC and one JWT decoding, not one per
 * request. Both depend on the secret alone (and the install's key), so a remembered result is the one that would be
 * computed again.
 *
 * <p>Direct-mapped, {@value #SLOTS} slots by the secret's hash: a secret whose slot holds another replaces it, so a
 * spray of distinct tokens only misses, and memory stays bounded whatever clients send. The secrets stay in the
 * worker's memory as long as their slot does, as the captured bytes they came from do; they are never published.
 * Not for passwords (their own key; a password is rarely sent twice). One instance per worker thread.
 */
final class CredentialMemo {
    /**
     * Slots: a power of two, for the tokens of the clients a worker serves at once; at most about 4 MiB per worker
     * with 1 KB tokens, most are far shorter.
     */
    private static final int SLOTS = 4096;

    private final Fingerprinter fingerprinter;
    private final String[] secrets = new String[SLOTS];
    private final String[] fingerprints = new String[SLOTS];
    private final JwtInfo[] jwts = new JwtInfo[SLOTS];
    private final boolean[] decoded = new boolean[SLOTS];

    CredentialMemo(Fingerprinter fingerprinter) {
        this.fingerprinter = fingerprinter;
    }

    /** {@link Fingerprinter#fingerprint} of {@code secret}. */
    String fingerprint(String secret) {
        return fingerprints[slot(secret)];
    }

    /** {@link JwtDecoder#decode} of {@code secret}: null when it is no JWT. */
    JwtInfo jwt(String secret) {
        int s = slot(secret);
        if (!decoded[s]) {
            jwts[s] = JwtDecoder.decode(secret);
            decoded[s] = true;
        }
        return jwts[s];
    }

    private int slot(String secret) {
        int h = secret.hashCode();
        int s = (h ^ h >>> 10 ^ h >>> 20) & (SLOTS - 1);
        if (!secret.equals(secrets[s])) {
            secrets[s] = secret;
            fingerprints[s] = fingerprinter.fingerprint(secret);
            jwts[s] = null;
            decoded[s] = false;
        }
        return s;
    }
}
