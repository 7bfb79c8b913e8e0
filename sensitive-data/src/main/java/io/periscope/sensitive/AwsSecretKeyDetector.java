package io.periscope.sensitive;

/**
 * An AWS secret access key: 40 base64 characters mixing upper case, lower case and digits. Such strings
 * are common (hashes, random ids), so the value alone scores below the report threshold; a secret-like
 * field name, or an access key id in the same message ({@link SensitiveScanner}), raises it.
 */
public final class AwsSecretKeyDetector implements Detector {
    public static final String TYPE = "aws_secret_key";
    /** Confidence of a well-formed value with no supporting evidence. */
    static final double SHAPE_ONLY = 0.3;

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public double confidence(FieldName name, String value) {
        if (value.length() != 40) {
            return 0;
        }
        boolean upper = false;
        boolean lower = false;
        boolean digit = false;
        for (int i = 0; i < 40; i++) {
            char c = value.charAt(i);
            if (c >= 'A' && c <= 'Z') {
                upper = true;
            } else if (c >= 'a' && c <= 'z') {
                lower = true;
            } else if (c >= '0' && c <= '9') {
                digit = true;
            } else if (c != '/' && c != '+') {
                return 0;
            }
        }
        if (!(upper && lower && digit)) {
            return 0;
        }
        return name.containsAny("secret", "aws") ? 0.9 : SHAPE_ONLY;
    }

    @Override
    public String mask(String value) {
        return Masking.redacted(value);
    }
}
