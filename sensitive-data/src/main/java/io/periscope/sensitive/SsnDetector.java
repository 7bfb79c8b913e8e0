package io.periscope.sensitive;

/**
 * A US Social Security number. Dashed {@code AAA-GG-SSSS} counts on its own; nine bare digits only
 * under an SSN-like field name. Area 000, 666 and 900-999, group 00 and serial 0000 are never issued,
 * nor are the well-known advertising numbers 078-05-1120 and 219-09-9999.
 */
public final class SsnDetector implements Detector {
    @Override
    public String type() {
        return "us_ssn";
    }

    /** Nine characters, or eleven with dashes after the area and the group. */
    @Override
    public boolean mayMatch(String value) {
        int n = value.length();
        return n == 9 || n == 11 && value.charAt(3) == '-' && value.charAt(6) == '-';
    }

    @Override
    public double confidence(FieldName name, String value) {
        String digits;
        boolean dashed;
        if (value.length() == 11 && value.charAt(3) == '-' && value.charAt(6) == '-') {
            digits = value.substring(0, 3) + value.substring(4, 6) + value.substring(7);
            dashed = true;
        } else if (value.length() == 9) {
            digits = value;
            dashed = false;
        } else {
            return 0;
        }
        for (int i = 0; i < 9; i++) {
            if (!Character.isDigit(digits.charAt(i))) {
                return 0;
            }
        }
        if (!validNumber(digits)) {
            return 0;
        }
        boolean ssnName = name.containsAny("ssn", "socialsecurity", "taxpayer", "tin");
        double c = dashed ? 0.6 : 0.2;
        if (ssnName) {
            c += 0.4;
        } else if (name.looksLikeNonPersonalNumber()) {
            c -= 0.3;
        }
        return Detector.clamp(c);
    }

    static boolean validNumber(String d) {
        int area = Integer.parseInt(d.substring(0, 3));
        int group = Integer.parseInt(d.substring(3, 5));
        int serial = Integer.parseInt(d.substring(5));
        if (area == 0 || area == 666 || area >= 900 || group == 0 || serial == 0) {
            return false;
        }
        return !d.equals("078051120") && !d.equals("219099999");
    }

    @Override
    public String mask(String value) {
        return "***-**-" + value.substring(value.length() - 4);
    }
}
