package io.periscope.sensitive;

/**
 * A card expiry date ({@code MM/YY}, {@code MM/YYYY}, {@code MM-YY}) under an expiry-like field name. On
 * its own it is only a date: {@link SensitiveScanner} reports it only when the same message also carries a
 * valid card number.
 */
public final class CardExpiryDetector implements Detector {
    public static final String TYPE = "card_expiry";

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public double confidence(FieldName name, String value) {
        if (!name.containsAny("exp", "expiry", "expiration", "validthru")) {
            return 0;
        }
        int n = value.length();
        if (n != 5 && n != 7) {
            return 0;
        }
        char sep = value.charAt(2);
        if (sep != '/' && sep != '-') {
            return 0;
        }
        for (int i = 0; i < n; i++) {
            if (i != 2 && !Character.isDigit(value.charAt(i))) {
                return 0;
            }
        }
        int month = Integer.parseInt(value.substring(0, 2));
        return month >= 1 && month <= 12 ? 0.8 : 0;
    }

    @Override
    public String mask(String value) {
        return "**" + value.charAt(2) + "*".repeat(value.length() - 3);
    }
}
