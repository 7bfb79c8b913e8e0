package io.periscope.discovery.template;

import io.periscope.sensitive.EmailDetector;
import io.periscope.sensitive.Markers;

/**
 * Classifies one percent-decoded path segment. Versions ({@code v1}, {@code v2.1}), short tokens with
 * digits ({@code oauth2}, {@code sha256}) and word compounds stay literal; ids become parameters.
 */
public final class SegmentClassifier {
    /** Mixed letter-and-digit segments at least this long are identifiers. */
    public static final int MIXED_ID_MIN_LENGTH = 10;
    /** ... or at least this long when they hold 3 or more digits. */
    public static final int MIXED_ID_MIN_LENGTH_MANY_DIGITS = 8;
    /** All-hex segments with a digit at least this long are ids or hashes. */
    public static final int HEX_MIN_LENGTH = 16;

    private final WordDictionary dictionary;

    public SegmentClassifier(WordDictionary dictionary) {
        this.dictionary = dictionary;
    }

    public SegmentKind classify(String s) {
        int n = s.length();
        if (n == 0) {
            return SegmentKind.LITERAL;
        }
        if (s.charAt(0) == '[' && Markers.isMarker(s)) {
            // the sensor put a marker where a credential or sensitive value was: a value, never a literal
            Markers.Marker m = Markers.parse(s);
            return m != null && "email".equals(m.type()) ? SegmentKind.EMAIL : SegmentKind.REDACTED;
        }
        int digits = 0;
        int letters = 0;
        int hex = 0;
        int upper = 0;
        int other = 0;
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c >= '0' && c <= '9') {
                digits++;
                hex++;
            } else if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) {
                letters++;
                if ((c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F')) {
                    hex++;
                }
                if (c <= 'Z') {
                    upper++;
                }
            } else {
                other++;
            }
        }
        if (digits == n) {
            return SegmentKind.INTEGER;
        }
        if (n == 36 && isUuid(s)) {
            return SegmentKind.UUID;
        }
        if (hex == n && n == 24) {
            return SegmentKind.OBJECT_ID;
        }
        if (hex == n && digits > 0 && (n >= HEX_MIN_LENGTH || n == 8 && digits >= 3 && letters > 0)) {
            return SegmentKind.HEX;
        }
        if (n == 10 && isDate(s, 0)) {
            return SegmentKind.DATE;
        }
        if (n >= 19 && isDate(s, 0) && (s.charAt(10) == 'T' || s.charAt(10) == 't') && s.charAt(13) == ':') {
            return SegmentKind.DATE_TIME;
        }
        if (s.indexOf('@') > 0 && EmailDetector.isEmail(s)) {
            return SegmentKind.EMAIL;
        }
        if (isVersion(s)) {
            return SegmentKind.LITERAL;
        }
        if (digits > 0 && letters > 0 && isIdAlphabet(s)
                && (n >= MIXED_ID_MIN_LENGTH || (n >= MIXED_ID_MIN_LENGTH_MANY_DIGITS && digits >= 3))
                && !readsAsWords(s)) {
            return SegmentKind.MIXED_ID;
        }
        if (digits == 0 && other == 0 && n >= 16 && upper >= 3 && upper < n && !dictionary.isWordCompound(s)
                && caseChanges(s) >= 6) {
            // random base52 ids such as "kQzPwXyRtBvNmLsA": far more case changes than camelCase words
            return SegmentKind.MIXED_ID;
        }
        return SegmentKind.LITERAL;
    }

    /** {@code v1}, {@code V2}, {@code v1.2}, {@code v2beta}, {@code 1.0}. */
    static boolean isVersion(String s) {
        int i = 0;
        if (s.charAt(0) == 'v' || s.charAt(0) == 'V') {
            i = 1;
        }
        if (i >= s.length() || !Character.isDigit(s.charAt(i))) {
            return false;
        }
        while (i < s.length() && (Character.isDigit(s.charAt(i)) || s.charAt(i) == '.')) {
            i++;
        }
        String rest = s.substring(i);
        return rest.isEmpty() || rest.equals("alpha") || rest.equals("beta") || rest.startsWith("alpha") || rest.startsWith("beta");
    }

    private static boolean isIdAlphabet(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!(Character.isLetterOrDigit(c) || c == '-' || c == '_') || c > 127) {
                return false;
            }
        }
        return true;
    }

    /** Kebab or snake compounds whose parts are words, numbers or short tokens: slugs, not ids. */
    private boolean readsAsWords(String s) {
        if (s.indexOf('-') < 0 && s.indexOf('_') < 0) {
            return false;
        }
        for (String t : WordDictionary.tokens(s)) {
            boolean number = t.chars().allMatch(Character::isDigit);
            if (!number && t.length() > 3 && !dictionary.isWord(t)) {
                return false;
            }
        }
        return true;
    }

    private static int caseChanges(String s) {
        int changes = 0;
        for (int i = 1; i < s.length(); i++) {
            if (Character.isUpperCase(s.charAt(i)) != Character.isUpperCase(s.charAt(i - 1))) {
                changes++;
            }
        }
        return changes;
    }

    private static boolean isUuid(String s) {
        for (int i = 0; i < 36; i++) {
            char c = s.charAt(i);
            if (i == 8 || i == 13 || i == 18 || i == 23) {
                if (c != '-') {
                    return false;
                }
            } else if (Character.digit(c, 16) < 0) {
                return false;
            }
        }
        return true;
    }

    private static boolean isDate(String s, int o) {
        if (s.length() < o + 10 || s.charAt(o + 4) != '-' || s.charAt(o + 7) != '-') {
            return false;
        }
        for (int i = 0; i < 10; i++) {
            if (i != 4 && i != 7 && !Character.isDigit(s.charAt(o + i))) {
                return false;
            }
        }
        int month = (s.charAt(o + 5) - '0') * 10 + (s.charAt(o + 6) - '0');
        int day = (s.charAt(o + 8) - '0') * 10 + (s.charAt(o + 9) - '0');
        return month >= 1 && month <= 12 && day >= 1 && day <= 31;
    }
}
