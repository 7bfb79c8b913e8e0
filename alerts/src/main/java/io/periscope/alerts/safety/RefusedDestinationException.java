package io.periscope.alerts.safety;

/** A destination Periscope will not connect to (scheme, or an address in a blocked range). Permanent: never retried. */
public final class RefusedDestinationException extends Exception {
    private static final long serialVersionUID = 1L;

    public RefusedDestinationException(String message) {
        super(message);
    }
}
