package io.periscope.sensitive;

/**
 * A stored password hash in modular crypt or framework format: bcrypt ({@code $2a$ $2b$ $2y$ $2x$}),
 * argon2 ({@code $argon2id$ ...}), scrypt ({@code $scrypt$}, {@code $7$}), yescrypt ({@code $y$}), PBKDF2
 * (passlib {@code $pbkdf2-sha256$}, Django {@code pbkdf2_sha256$}, Werkzeug {@code pbkdf2:sha256:}), sha-crypt
 * ({@code $5$ $6$}) and md5-crypt ({@code $1$}). A leaked hash can be cracked offline, so it is a credential.
 * One pass over the characters, no regular expression.
 */
public final class PasswordHashDetector implements Detector {
    public static final String TYPE = "password_hash";
    private static final String[] PREFIXES = {"$2a$", "$2b$", "$2y$", "$2x$", "$argon2id$", "$argon2i$", "$argon2d$",
            "$scrypt$", "$7$", "$y$", "$pbkdf2", "pbkdf2_", "pbkdf2:", "$5$", "$6$", "$1$", "argon2$", "bcrypt$",
            "bcrypt_sha256$"};
    /** The hash part (after the last {@code $}) of every format above is at least this long. */
    private static final int MIN_HASH = 16;

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public double confidence(FieldName name, String value) {
        return matches(value) ? 0.95 : 0;
    }

    @Override
    public String mask(String value) {
        return "[redacted]";
    }

    /** True when the whole value is shaped like one of the hash formats above. */
    public static boolean matches(String v) {
        int n = v.length();
        if (n < 20 || n > 512 || (v.charAt(0) != '$' && v.charAt(0) != 'p' && v.charAt(0) != 'a' && v.charAt(0) != 'b')) {
            return false;
        }
        boolean prefixed = false;
        for (String p : PREFIXES) {
            if (v.startsWith(p)) {
                prefixed = true;
                break;
            }
        }
        if (!prefixed) {
            return false;
        }
        int lastDollar = -1;
        for (int i = 0; i < n; i++) {
            char c = v.charAt(i);
            if (c == '$') {
                lastDollar = i;
            } else if (!(Character.isLetterOrDigit(c) && c < 128) && "./+=,:-_".indexOf(c) < 0) {
                return false;
            }
        }
        return lastDollar > 0 && n - lastDollar - 1 >= MIN_HASH;
    }
}
