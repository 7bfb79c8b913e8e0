package io.periscope.events.catalog;

/** Kinds of posture finding, each with a one-line remediation. */
public enum FindingType {
    SENSITIVE_DATA_WITHOUT_AUTH("high",
            "Require authentication on this endpoint or stop returning the sensitive fields."),
    CREDENTIAL_IN_URL("high",
            "Move credentials from the URL to the Authorization header; URLs are logged by proxies and browsers."),
    SENSITIVE_DATA_IN_URL("medium",
            "Send sensitive values in the request body or headers, never in the path or query string."),
    JWT_ALG_NONE("critical",
            "Reject unsigned JWTs: pin the accepted algorithms on the server and never accept alg none."),
    JWT_WITHOUT_EXPIRY("medium",
            "Issue JWTs with a short exp claim and reject tokens without one."),
    STACK_TRACE_IN_RESPONSE("medium",
            "Return generic error bodies and log stack traces server-side only."),
    /** A request path whose {@code ..} segments climb above the root: a traversal attempt, raised per service. */
    PATH_TRAVERSAL_ATTEMPT("medium",
            "Check that the server resolves paths before routing and never maps them onto the file system; block the client if it persists."),
    /**
     * One client got many "not found" answers on paths outside the catalog within a short window: a content-discovery
     * scan (wordlists of {@code /.env}, {@code /wp-admin}, backups), raised per service and client.
     */
    CONTENT_DISCOVERY_PROBES("low",
            "Check that nothing the scanner probed is reachable (see the service's probed paths); rate-limit or block the client if it persists.");

    private final String severity;
    private final String remediation;

    FindingType(String severity, String remediation) {
        this.severity = severity;
        this.remediation = remediation;
    }

    public String severity() {
        return severity;
    }

    public String remediation() {
        return remediation;
    }
}
