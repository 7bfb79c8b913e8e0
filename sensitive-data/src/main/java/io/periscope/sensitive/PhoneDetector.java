package io.periscope.sensitive;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;

/**
 * A telephone number validated by libphonenumber. An international number ({@code +...}) that is valid
 * counts on its own; a national number only counts under a phone-like field name, so that order numbers
 * and other 10-digit identifiers are not reported.
 */
public final class PhoneDetector implements Detector {
    private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();
    private final String defaultRegion;

    /** @param defaultRegion ISO 3166 region used for numbers without a country code, e.g. {@code US} */
    public PhoneDetector(String defaultRegion) {
        this.defaultRegion = defaultRegion;
    }

    @Override
    public String type() {
        return "phone";
    }

    /**
     * 7 to 24 characters holding 7 to 15 digits and otherwise only {@code  -().} and a leading {@code +}: what
     * libphonenumber is asked about at all (it costs far more than every other detector together).
     */
    @Override
    public boolean mayMatch(String value) {
        int n = value.length();
        if (n < 7 || n > 24) {
            return false;
        }
        int digits = DigitShape.digits(value, " -().", true);
        return digits >= 7 && digits <= 15;
    }

    @Override
    public double confidence(FieldName name, String value) {
        if (!mayMatch(value)) {
            return 0;
        }
        boolean international = value.charAt(0) == '+';
        boolean phoneName = name.containsAny("phone", "mobile", "tel", "msisdn", "fax", "cell", "contactnumber");
        if (!international && !phoneName) {
            return 0;
        }
        try {
            if (!UTIL.isValidNumber(UTIL.parse(value, defaultRegion))) {
                return 0;
            }
        } catch (NumberParseException e) {
            return 0;
        }
        double c = international ? 0.7 : 0.35;
        if (phoneName) {
            c += 0.35;
        } else if (name.looksLikeNonPersonalNumber()) {
            c -= 0.4;
        }
        return Detector.clamp(c);
    }

    @Override
    public String mask(String value) {
        return Masking.keepLastDigits(value, 2);
    }
}
