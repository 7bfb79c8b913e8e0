package io.periscope.sensitive;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/** A date of birth: a date under a birth-like field name. Dates elsewhere are not personal data. */
public final class DateOfBirthDetector implements Detector {
    private static final DateTimeFormatter[] FORMATS = {
            DateTimeFormatter.ISO_LOCAL_DATE,
            DateTimeFormatter.ofPattern("MM/dd/uuuu"),
            DateTimeFormatter.ofPattern("dd.MM.uuuu"),
    };

    @Override
    public String type() {
        return "date_of_birth";
    }

    /**
     * The part {@link #confidence} parses (the value, or its first ten characters before a {@code T}) has only
     * ASCII digits, the formats' separators {@code - / .} and a year's sign {@code +}, and at least eight digits
     * (day, month, a four-digit year): prose, identifiers and most timestamps are ruled out without a name.
     */
    @Override
    public boolean mayMatch(String value) {
        int n = value.length();
        if (n < 10) {
            return false;
        }
        int end = n > 10 && value.charAt(10) == 'T' ? 10 : n;
        int digits = 0;
        for (int i = 0; i < end; i++) {
            char c = value.charAt(i);
            if (c >= '0' && c <= '9') {
                digits++;
            } else if (c != '-' && c != '/' && c != '.' && c != '+') {
                return false;
            }
        }
        return digits >= 8;
    }

    @Override
    public double confidence(FieldName name, String value) {
        if (!name.containsAny("dob", "birth") || value.length() < 10) {
            return 0;
        }
        String date = value.length() > 10 && value.charAt(10) == 'T' ? value.substring(0, 10) : value;
        for (DateTimeFormatter f : FORMATS) {
            try {
                LocalDate.parse(date, f);
                return 0.9;
            } catch (DateTimeParseException e) {
                // try the next format
            }
        }
        return 0;
    }

    @Override
    public String mask(String value) {
        return value.replaceAll("[0-9]", "*");
    }
}
