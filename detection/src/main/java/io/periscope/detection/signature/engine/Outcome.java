package io.periscope.detection.signature.engine;

/** How the server answered a request that carried an attack: what it says about whether the attack worked. */
public enum Outcome {
    /** No response was seen (or none applies: a value inspected offline). */
    UNANSWERED,
    /** Refused: 400, 401, 403, 404, 405, 406, 413, 414, 422, 429. A probe that a filter or the application stopped. */
    REFUSED,
    /** A redirect (3xx) to the site itself. */
    REDIRECTED,
    /** A server error (5xx) without a body that gives anything away: the payload reached code that choked on it. */
    SERVER_ERROR,
    /** Answered 2xx with an ordinary body. */
    ANSWERED,
    /** Answered 2xx with a body far larger than an ordinary answer: possibly the data the attack asked for. */
    LARGE_ANSWER,
    /**
     * The response shows the attack worked or nearly: a database error, a stack trace, the content of a system
     * file, a command's output, a redirect to the attacker's host.
     */
    REVEALING
}
