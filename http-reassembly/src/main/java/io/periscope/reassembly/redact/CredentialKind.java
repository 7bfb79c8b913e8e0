package io.periscope.reassembly.redact;

/** What a name says a value is; the scheme is written into the redaction marker and the Credential record. */
public enum CredentialKind {
    /** A password: fingerprinted with the password key, so reuse across accounts is visible. */
    PASSWORD("Password"),
    /** Named by the configured API-key header and query-parameter lists (the scheme they always had). */
    API_KEY("ApiKey"),
    TOKEN("Token"),
    SECRET("Secret"),
    /** A request signature (presigned URLs, SAS tokens): replayable until it expires. */
    SIGNATURE("Signature"),
    SESSION("Session");

    private final String scheme;

    CredentialKind(String scheme) {
        this.scheme = scheme;
    }

    public String scheme() {
        return scheme;
    }
}
