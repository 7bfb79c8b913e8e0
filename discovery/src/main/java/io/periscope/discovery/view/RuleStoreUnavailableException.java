package io.periscope.discovery.view;

/** A template rule change that could not be made because Kafka did not answer in time; nothing was written. */
public final class RuleStoreUnavailableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public RuleStoreUnavailableException(String message) {
        super(message, null, false, false);
    }
}
