package io.periscope.sensitive;

import java.util.Map;

/** An IBAN: a known country's length, two check digits and a mod-97 remainder of 1 (ISO 13616). */
public final class IbanDetector implements Detector {
    private static final Map<String, Integer> LENGTHS = Map.ofEntries(
            Map.entry("AD", 24), Map.entry("AE", 23), Map.entry("AT", 20), Map.entry("BE", 16), Map.entry("BG", 22),
            Map.entry("BH", 22), Map.entry("BR", 29), Map.entry("CH", 21), Map.entry("CY", 28), Map.entry("CZ", 24),
            Map.entry("DE", 22), Map.entry("DK", 18), Map.entry("EE", 20), Map.entry("ES", 24), Map.entry("FI", 18),
            Map.entry("FR", 27), Map.entry("GB", 22), Map.entry("GR", 27), Map.entry("HR", 21), Map.entry("HU", 28),
            Map.entry("IE", 22), Map.entry("IL", 23), Map.entry("IS", 26), Map.entry("IT", 27), Map.entry("LI", 21),
            Map.entry("LT", 20), Map.entry("LU", 20), Map.entry("LV", 21), Map.entry("MC", 27), Map.entry("MT", 31),
            Map.entry("NL", 18), Map.entry("NO", 15), Map.entry("PL", 28), Map.entry("PT", 25), Map.entry("RO", 24),
            Map.entry("SA", 24), Map.entry("SE", 24), Map.entry("SI", 19), Map.entry("SK", 24), Map.entry("SM", 27),
            Map.entry("TR", 26), Map.entry("UA", 29));

    @Override
    public String type() {
        return "iban";
    }

    /** Shortest and longest IBAN of any country, without spaces. */
    private static final int MIN_LENGTH = 15;
    private static final int MAX_LENGTH = 34;

    /**
     * {@link #compact}'s shape without building it: ASCII letters, digits and spaces, and without the spaces a
     * country code, two check digits and 15 to 34 characters in all.
     */
    @Override
    public boolean mayMatch(String value) {
        int n = value.length();
        if (n < MIN_LENGTH || n > 42 || !Character.isLetter(value.charAt(0))) {
            return false;
        }
        int k = 0;
        for (int i = 0; i < n; i++) {
            char c = value.charAt(i);
            if (c == ' ') {
                continue;
            }
            boolean digit = c >= '0' && c <= '9';
            boolean letter = c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z';
            if (!digit && !letter || k < 2 && !letter || (k == 2 || k == 3) && !digit) {
                return false;
            }
            k++;
        }
        return k >= MIN_LENGTH && k <= MAX_LENGTH;
    }

    @Override
    public double confidence(FieldName name, String value) {
        if (!mayMatch(value)) {
            return 0; // also keeps a value of one letter and spaces from reaching valid() too short to read
        }
        String iban = compact(value);
        return iban != null && valid(iban) ? 0.9 : 0;
    }

    private static String compact(String value) {
        int n = value.length();
        if (n < 15 || n > 42 || !Character.isLetter(value.charAt(0))) {
            return null;
        }
        StringBuilder sb = new StringBuilder(34);
        for (int i = 0; i < n; i++) {
            char c = value.charAt(i);
            if (c == ' ') {
                continue;
            }
            if (!(c >= '0' && c <= '9') && !(c >= 'A' && c <= 'Z') && !(c >= 'a' && c <= 'z')) {
                return null;
            }
            sb.append(Character.toUpperCase(c));
        }
        return sb.toString();
    }

    static boolean valid(String iban) {
        Integer len = LENGTHS.get(iban.substring(0, 2));
        if (len == null || iban.length() != len
                || !Character.isDigit(iban.charAt(2)) || !Character.isDigit(iban.charAt(3))) {
            return false;
        }
        String rearranged = iban.substring(4) + iban.substring(0, 4);
        int rem = 0;
        for (int i = 0; i < rearranged.length(); i++) {
            char c = rearranged.charAt(i);
            int v = Character.isDigit(c) ? c - '0' : c - 'A' + 10;
            rem = v >= 10 ? (rem * 100 + v) % 97 : (rem * 10 + v) % 97;
        }
        return rem == 1;
    }

    @Override
    public String mask(String value) {
        String iban = compact(value);
        String v = iban == null ? value : iban;
        return v.substring(0, 4) + " **** **** " + v.substring(v.length() - 4);
    }
}
