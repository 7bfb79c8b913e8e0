package io.periscope.sensitive;

/** A PEM private key block ({@code -----BEGIN ... PRIVATE KEY-----}). */
public final class PrivateKeyDetector implements Detector {
    @Override
    public String type() {
        return "private_key";
    }

    @Override
    public double confidence(FieldName name, String value) {
        int begin = value.indexOf("-----BEGIN ");
        if (begin < 0) {
            return 0;
        }
        int end = value.indexOf("PRIVATE KEY-----", begin);
        return end > begin && end - begin < 40 ? 0.99 : 0;
    }

    @Override
    public String mask(String value) {
        int begin = value.indexOf("-----BEGIN ");
        int end = value.indexOf("-----", begin + 11);
        return value.substring(begin, end + 5) + " [redacted]";
    }
}
