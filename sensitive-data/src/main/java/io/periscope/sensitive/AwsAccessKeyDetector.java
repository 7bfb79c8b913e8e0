package io.periscope.sensitive;

/** An AWS access key id: a four-letter kind prefix ({@code AKIA}, {@code ASIA}, ...) and 16 base32 characters. */
public final class AwsAccessKeyDetector implements Detector {
    public static final String TYPE = "aws_access_key_id";
    private static final String[] PREFIXES = {"AKIA", "ASIA", "ABIA", "ACCA", "AGPA", "AIDA", "AROA", "ANPA", "ANVA", "AIPA"};

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public double confidence(FieldName name, String value) {
        if (value.length() != 20) {
            return 0;
        }
        boolean prefixed = false;
        for (String p : PREFIXES) {
            if (value.startsWith(p)) {
                prefixed = true;
                break;
            }
        }
        if (!prefixed) {
            return 0;
        }
        for (int i = 4; i < 20; i++) {
            char c = value.charAt(i);
            if (!((c >= 'A' && c <= 'Z') || (c >= '2' && c <= '7'))) {
                return 0;
            }
        }
        return 0.95;
    }

    @Override
    public String mask(String value) {
        return Masking.keepEnds(value, 4, 4);
    }
}
