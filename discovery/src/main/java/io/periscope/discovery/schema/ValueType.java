package io.periscope.discovery.schema;

import io.periscope.sensitive.EmailDetector;
import io.periscope.sensitive.IpAddressDetector;

/**
 * Infers the JSON Schema type and string format of a textual value (query, header, path, form field) or
 * of a JSON scalar. Formats: {@code date-time}, {@code date}, {@code email}, {@code uuid}, {@code ipv4},
 * {@code ipv6}, {@code uri}.
 */
public record ValueType(String type, String format) {
    public static final ValueType INTEGER = new ValueType("integer", null);
    public static final ValueType NUMBER = new ValueType("number", null);
    public static final ValueType BOOLEAN = new ValueType("boolean", null);
    public static final ValueType STRING = new ValueType("string", null);
    public static final ValueType OBJECT = new ValueType("object", null);
    public static final ValueType ARRAY = new ValueType("array", null);
    public static final ValueType NULL = new ValueType("null", null);

    /** The key used in type counts: {@code type} or {@code type:format}. */
    public String key() {
        return format == null ? type : type + ":" + format;
    }

    public static ValueType fromKey(String key) {
        int colon = key.indexOf(':');
        return colon < 0 ? new ValueType(key, null) : new ValueType(key.substring(0, colon), key.substring(colon + 1));
    }

    /** Type of a value carried as text, where numbers and booleans are not distinguished by syntax. */
    public static ValueType ofText(String v) {
        if (v == null || v.isEmpty()) {
            return STRING;
        }
        if (v.equals("true") || v.equals("false")) {
            return BOOLEAN;
        }
        if (isInteger(v)) {
            return INTEGER;
        }
        if (isNumber(v)) {
            return NUMBER;
        }
        return ofString(v);
    }

    /** Type of a value known to be a string (a JSON string): only the format is inferred. */
    public static ValueType ofString(String v) {
        String f = format(v);
        return f == null ? STRING : new ValueType("string", f);
    }

    static String format(String v) {
        int n = v.length();
        if (n >= 10 && n <= 35 && Character.isDigit(v.charAt(0)) && v.charAt(4) == '-' && v.charAt(7) == '-') {
            if (n == 10 && digitsAt(v, 0, 4) && digitsAt(v, 5, 2) && digitsAt(v, 8, 2)) {
                return "date";
            }
            if (n >= 19 && (v.charAt(10) == 'T' || v.charAt(10) == 't' || v.charAt(10) == ' ') && v.charAt(13) == ':'
                    && digitsAt(v, 11, 2) && digitsAt(v, 14, 2)) {
                return "date-time";
            }
        }
        if (n == 36 && v.charAt(8) == '-' && v.charAt(13) == '-' && v.charAt(18) == '-' && v.charAt(23) == '-'
                && hex(v.replace("-", ""))) {
            return "uuid";
        }
        if (v.indexOf('@') > 0 && EmailDetector.isEmail(v)) {
            return "email";
        }
        if (IpAddressDetector.isIpv4(v)) {
            return "ipv4";
        }
        if (v.indexOf(':') >= 0 && IpAddressDetector.isIpv6(v)) {
            return "ipv6";
        }
        if ((v.startsWith("http://") || v.startsWith("https://")) && n > 10 && v.indexOf(' ') < 0) {
            return "uri";
        }
        return null;
    }

    private static boolean digitsAt(String v, int from, int count) {
        for (int i = from; i < from + count; i++) {
            if (!Character.isDigit(v.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static boolean hex(String v) {
        for (int i = 0; i < v.length(); i++) {
            if (Character.digit(v.charAt(i), 16) < 0) {
                return false;
            }
        }
        return true;
    }

    private static boolean isInteger(String v) {
        int start = v.charAt(0) == '-' ? 1 : 0;
        if (start == v.length() || v.length() - start > 18) {
            return false;
        }
        for (int i = start; i < v.length(); i++) {
            if (!Character.isDigit(v.charAt(i))) {
                return false;
            }
        }
        return !(v.length() - start > 1 && v.charAt(start) == '0');
    }

    private static boolean isNumber(String v) {
        int dots = 0;
        int digits = 0;
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (Character.isDigit(c)) {
                digits++;
            } else if (c == '.') {
                dots++;
            } else if (!(c == '-' && i == 0)) {
                return false;
            }
        }
        return dots == 1 && digits > 0 && v.length() <= 24 && v.charAt(v.length() - 1) != '.';
    }
}
