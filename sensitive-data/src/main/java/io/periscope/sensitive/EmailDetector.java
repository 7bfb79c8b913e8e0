package io.periscope.sensitive;

/** An e-mail address: one {@code @}, a plausible local part, and a dotted domain with an alphabetic TLD. */
public final class EmailDetector implements Detector {
    @Override
    public String type() {
        return "email";
    }

    /** Every address has an {@code @}. */
    @Override
    public boolean mayMatch(String value) {
        return value.indexOf('@') > 0;
    }

    @Override
    public double confidence(FieldName name, String value) {
        return isEmail(value) ? 0.9 : 0;
    }

    /** Structural check, also used for path segment and format inference. */
    public static boolean isEmail(String v) {
        int n = v.length();
        if (n < 6 || n > 254) {
            return false;
        }
        int at = v.indexOf('@');
        if (at < 1 || at > 64 || at != v.lastIndexOf('@') || at == n - 1) {
            return false;
        }
        for (int i = 0; i < at; i++) {
            char c = v.charAt(i);
            if (!(Character.isLetterOrDigit(c) || ".!#$%&'*+/=?^_`{|}~-".indexOf(c) >= 0)) {
                return false;
            }
        }
        int lastDot = v.lastIndexOf('.');
        if (lastDot < at + 2 || lastDot > n - 3) {
            return false;
        }
        for (int i = at + 1; i < n; i++) {
            char c = v.charAt(i);
            if (!(Character.isLetterOrDigit(c) || c == '-' || c == '.')) {
                return false;
            }
            if (c == '.' && v.charAt(i - 1) == '.') {
                return false;
            }
        }
        for (int i = lastDot + 1; i < n; i++) {
            if (!Character.isLetter(v.charAt(i))) {
                return false;
            }
        }
        return v.charAt(at + 1) != '.' && v.charAt(0) != '.';
    }

    @Override
    public String mask(String value) {
        int at = value.indexOf('@');
        return value.charAt(0) + "***" + value.substring(at);
    }
}
