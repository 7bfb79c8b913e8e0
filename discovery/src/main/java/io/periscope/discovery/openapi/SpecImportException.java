package io.periscope.discovery.openapi;

/**
 * A user's API document was rejected; the message names the problem (and the bound, when one was hit) and is
 * safe to show to the user: it never quotes a parser's internal error nor anything about a fetch, because
 * nothing is ever fetched.
 */
public final class SpecImportException extends Exception {
    private static final long serialVersionUID = 1L;

    /** Why the document was rejected; the REST API answers 413 for {@link #TOO_LARGE} and 422 otherwise. */
    public enum Reason {
        /** More bytes than the document size bound. */
        TOO_LARGE,
        /** Within bounds, but not a readable OpenAPI 3.x or Swagger 2.0 document. */
        INVALID,
        /** A structural bound was hit: nesting depth, YAML aliases, nodes after alias expansion, string length. */
        BOUND_EXCEEDED,
        /** The import was cancelled (time limit reached) before it finished. */
        CANCELLED
    }

    private final Reason reason;

    public SpecImportException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public SpecImportException(String message) {
        this(Reason.INVALID, message);
    }

    public Reason reason() {
        return reason;
    }
}
