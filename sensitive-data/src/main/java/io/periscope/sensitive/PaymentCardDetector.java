package io.periscope.sensitive;

/**
 * A payment card number (PAN): 13 to 19 digits, optionally in groups separated by single spaces or
 * dashes, passing the Luhn check and starting with an issuer identification number of a known scheme.
 */
public final class PaymentCardDetector implements Detector {
    @Override
    public String type() {
        return "payment_card";
    }

    /** {@link #pan}'s shape without building the digits: 13 to 19 digits, only digits, spaces and dashes. */
    @Override
    public boolean mayMatch(String value) {
        int n = value.length();
        if (n < 13 || n > 23) {
            return false;
        }
        int digits = DigitShape.digits(value, " -", false);
        return digits >= 13 && digits <= 19;
    }

    @Override
    public double confidence(FieldName name, String value) {
        if (!mayMatch(value)) {
            return 0;
        }
        String pan = pan(value);
        if (pan == null || !luhn(pan) || !knownIin(pan)) {
            return 0;
        }
        double c = 0.8;
        if (name.containsAny("card", "pan", "ccnum", "creditcard", "cardnumber")) {
            c += 0.2;
        } else if (name.looksLikeNonPersonalNumber()) {
            c -= 0.4;
        }
        return Detector.clamp(c);
    }

    /** The digits of a card-shaped value, or null when it is not shaped like a card number. */
    static String pan(String value) {
        int n = value.length();
        if (n < 13 || n > 23) {
            return null;
        }
        char sep = 0;
        StringBuilder sb = new StringBuilder(19);
        for (int i = 0; i < n; i++) {
            char c = value.charAt(i);
            if (c >= '0' && c <= '9') {
                sb.append(c);
            } else if ((c == ' ' || c == '-') && i > 0 && i < n - 1 && (sep == 0 || sep == c)
                    && Character.isDigit(value.charAt(i - 1))) {
                sep = c;
            } else {
                return null;
            }
        }
        return sb.length() >= 13 && sb.length() <= 19 ? sb.toString() : null;
    }

    public static boolean luhn(String digits) {
        int sum = 0;
        boolean dbl = false;
        for (int i = digits.length() - 1; i >= 0; i--) {
            int d = digits.charAt(i) - '0';
            if (dbl) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
            dbl = !dbl;
        }
        return sum % 10 == 0;
    }

    /** Visa, Mastercard, American Express, Discover, JCB, Diners Club, UnionPay, Maestro: prefix and length. */
    static boolean knownIin(String pan) {
        int len = pan.length();
        int p2 = Integer.parseInt(pan.substring(0, 2));
        int p3 = Integer.parseInt(pan.substring(0, 3));
        int p4 = Integer.parseInt(pan.substring(0, 4));
        int p6 = Integer.parseInt(pan.substring(0, 6));
        if (pan.charAt(0) == '4') {
            return len == 13 || len == 16 || len == 19;
        }
        if ((p2 >= 51 && p2 <= 55) || (p4 >= 2221 && p4 <= 2720)) {
            return len == 16;
        }
        if (p2 == 34 || p2 == 37) {
            return len == 15;
        }
        if (p4 == 6011 || p2 == 65 || (p3 >= 644 && p3 <= 649) || (p6 >= 622126 && p6 <= 622925)) {
            return len >= 16 && len <= 19;
        }
        if (p4 >= 3528 && p4 <= 3589) {
            return len >= 16 && len <= 19;
        }
        if ((p3 >= 300 && p3 <= 305) || p2 == 36 || p2 == 38 || p2 == 39 || p4 == 3095) {
            return len >= 14 && len <= 19;
        }
        if (p2 == 62) {
            return len >= 16 && len <= 19;
        }
        if (p2 == 50 || (p2 >= 56 && p2 <= 69)) {
            return len >= 12 && len <= 19;
        }
        return false;
    }

    @Override
    public String mask(String value) {
        String pan = pan(value);
        String digits = pan == null ? Masking.digitsOnly(value) : pan;
        if (digits.length() < 8) {
            return "****";
        }
        return digits.substring(0, 4) + " **** **** " + digits.substring(digits.length() - 4);
    }
}
