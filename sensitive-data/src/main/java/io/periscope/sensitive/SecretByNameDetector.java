package io.periscope.sensitive;

/**
 * Passwords and secrets recognised by their field name: the value itself has no shape to validate. Empty
 * values, booleans, nulls and redaction markers left by the reassembler do not count.
 */
public final class SecretByNameDetector implements Detector {
    private final String type;
    private final String[] fragments;
    private final String[] exclusions;

    private SecretByNameDetector(String type, String[] fragments, String[] exclusions) {
        this.type = type;
        this.fragments = fragments;
        this.exclusions = exclusions;
    }

    public static SecretByNameDetector passwords() {
        return new SecretByNameDetector("password", new String[] {"password", "passwd", "pwd", "passphrase", "pincode"},
                new String[] {"policy", "reset", "expir", "changed", "strength", "hint", "length", "required", "forgot"});
    }

    public static SecretByNameDetector secrets() {
        return new SecretByNameDetector("secret", new String[] {"secret", "apikey", "accesstoken", "refreshtoken",
                "privatekey", "clientsecret", "sessiontoken", "authtoken", "bearertoken", "credential"},
                new String[] {"expir", "type", "ttl", "url", "uri", "name", "length", "required", "id"});
    }

    @Override
    public String type() {
        return type;
    }

    @Override
    public double confidence(FieldName name, String value) {
        // the last segment only: "$.credentials.username" is not a secret because of its parent
        if (!name.lastContainsAny(fragments) || name.lastContainsAny(exclusions)) {
            return 0;
        }
        String v = value.trim();
        if (v.isEmpty() || v.equals("null") || v.equals("true") || v.equals("false") || v.startsWith("[redacted")
                || v.chars().allMatch(c -> c == '*')) {
            return 0;
        }
        return 0.8;
    }

    @Override
    public String mask(String value) {
        return Masking.redacted(value);
    }
}
