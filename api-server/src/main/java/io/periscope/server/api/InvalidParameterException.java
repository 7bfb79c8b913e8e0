package io.periscope.server.api;

/** A request parameter that cannot be used; answered 400 with a message naming the parameter. */
public final class InvalidParameterException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public InvalidParameterException(String parameter, String problem) {
        super("invalid parameter " + parameter + ": " + problem, null, false, false);
    }
}
