package io.periscope.discovery.openapi;

/** A user's API document was rejected; the message names the problem and is safe to show to the user. */
public final class SpecImportException extends Exception {
    private static final long serialVersionUID = 1L;

    public SpecImportException(String message) {
        super(message);
    }
}
