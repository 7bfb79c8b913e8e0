package io.periscope.enforcement.reconcile;

/**
 * An enforcement point could not be changed in this round (retries exhausted or an error retrying cannot fix). The
 * block records are untouched, so the next round tries again: nothing is lost.
 */
public final class PointUnavailableException extends Exception {
    private final String code;

    public PointUnavailableException(String point, String code, Throwable cause) {
        super(point + ": " + code, cause);
        this.code = code;
    }

    public String code() {
        return code;
    }
}
