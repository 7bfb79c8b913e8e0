package io.periscope.sensitive;

/**
 * Values that are credentials by their shape alone, wherever they appear and whatever their name: each
 * is validated (a JWT's header decodes, an access key id has a known kind prefix) rather than guessed.
 * The scheme is the one written into redaction markers and {@code Credential} records.
 */
public enum CredentialShape {
    JWT("Jwt"),
    AWS_ACCESS_KEY_ID("AwsAccessKey"),
    /**
     * 40 base64 characters mixing upper case, lower case and digits. Random ids share the shape; redacting one
     * by mistake costs little because its fingerprint is stable, so equality across exchanges survives.
     */
    AWS_SECRET_KEY("AwsSecretKey"),
    PRIVATE_KEY("PrivateKey"),
    PASSWORD_HASH("PasswordHash");

    /** The shortest value any shape has (an access key id): shorter values are never a credential by shape. */
    public static final int MIN_LENGTH = 20;

    private static final AwsAccessKeyDetector ACCESS_KEY = new AwsAccessKeyDetector();
    private static final AwsSecretKeyDetector SECRET_KEY = new AwsSecretKeyDetector();
    private static final PrivateKeyDetector PRIVATE = new PrivateKeyDetector();

    private final String scheme;

    CredentialShape(String scheme) {
        this.scheme = scheme;
    }

    public String scheme() {
        return scheme;
    }

    /** The shape of {@code value} (trimmed, without a {@code Bearer } prefix), or null when it has none. */
    public static CredentialShape of(String value) {
        int n = value.length();
        if (n < MIN_LENGTH || n > SensitiveScanner.MAX_VALUE_LENGTH) {
            return null;
        }
        char first = value.charAt(0);
        if (first == 'e' && JwtInspector.inspect(value).isPresent()) {
            return JWT;
        }
        if (n == 20 && first == 'A' && ACCESS_KEY.confidence(FieldName.NONE, value) > 0) {
            return AWS_ACCESS_KEY_ID;
        }
        if (n == 40 && SECRET_KEY.confidence(FieldName.NONE, value) > 0) {
            return AWS_SECRET_KEY;
        }
        if (PasswordHashDetector.matches(value)) {
            return PASSWORD_HASH;
        }
        if (value.indexOf('-') >= 0 && PRIVATE.confidence(FieldName.NONE, value) > 0) {
            return PRIVATE_KEY;
        }
        return null;
    }
}
