package io.periscope.server.api;

import io.micronaut.core.annotation.Nullable;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Parses query parameters strictly: every bad value is an {@link InvalidParameterException} naming the
 * parameter and what is expected, never a silent default.
 */
public final class QueryParameters {
    private static final Pattern METHOD = Pattern.compile("[A-Za-z]{1,16}");
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.:-]{1,64}");
    private static final Pattern INTEGER = Pattern.compile("[-+]?[0-9]{1,10}");
    public static final int MAX_TEXT = 200;
    /** The largest offset accepted: any int; the page bounds are computed without overflow. */
    public static final int MAX_OFFSET = Integer.MAX_VALUE;
    /** Instants are accepted within these bounds, so that they fit epoch microseconds in a long. */
    private static final Instant EARLIEST = Instant.EPOCH;
    private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999999Z");

    private QueryParameters() {
    }

    /** The first item of a page, 0-based: {@code 0..}{@link #MAX_OFFSET}. */
    public static int offset(@Nullable String raw) {
        return integer("offset", raw, 0, 0, MAX_OFFSET);
    }

    /** A page size within {@code 1..max}. */
    public static int limit(@Nullable String raw, int defaultValue, int max) {
        return integer("limit", raw, defaultValue, 1, max);
    }

    /**
     * A whole number within {@code min..max}, or {@code defaultValue} when absent. Every numeric query parameter
     * goes through here, so each answers the same 400 naming the parameter and its range, whether the value is
     * not a number, out of range, or too long for any integer type.
     */
    public static int integer(String name, @Nullable String raw, int defaultValue, int min, int max) {
        if (raw == null || raw.isEmpty()) {
            return defaultValue;
        }
        String range = "expected an integer within " + min + ".." + max + ", was \"" + shorten(raw) + "\"";
        // at most 10 digits keeps the parse inside long; anything longer is out of every int range anyway
        if (!INTEGER.matcher(raw).matches()) {
            throw new InvalidParameterException(name, range);
        }
        long value = Long.parseLong(raw);
        if (value < min || value > max) {
            throw new InvalidParameterException(name, range);
        }
        return (int) value;
    }

    /** An HTTP method name, upper-cased. */
    @Nullable
    public static String method(@Nullable String raw) {
        if (raw == null || raw.isEmpty()) {
            return null;
        }
        if (!METHOD.matcher(raw).matches()) {
            throw new InvalidParameterException("method", "expected an HTTP method such as GET, was \"" + shorten(raw) + "\"");
        }
        return raw.toUpperCase(Locale.ROOT);
    }

    /** A name made of letters, digits and {@code _.:-} (sensitive data types). */
    @Nullable
    public static String name(String parameter, @Nullable String raw) {
        if (raw == null || raw.isEmpty()) {
            return null;
        }
        if (!NAME.matcher(raw).matches()) {
            throw new InvalidParameterException(parameter, "expected a name of letters, digits and _.:-, was \"" + shorten(raw) + "\"");
        }
        return raw;
    }

    /** Free text, bounded. */
    @Nullable
    public static String text(String parameter, @Nullable String raw) {
        if (raw == null || raw.isEmpty()) {
            return null;
        }
        if (raw.length() > MAX_TEXT) {
            throw new InvalidParameterException(parameter, "at most " + MAX_TEXT + " characters");
        }
        return raw;
    }

    @Nullable
    public static Boolean bool(String parameter, @Nullable String raw) {
        if (raw == null || raw.isEmpty()) {
            return null;
        }
        return switch (raw.toLowerCase(Locale.ROOT)) {
            case "true" -> Boolean.TRUE;
            case "false" -> Boolean.FALSE;
            default -> throw new InvalidParameterException(parameter, "expected true or false, was \"" + shorten(raw) + "\"");
        };
    }

    /** A value of {@code choices} (keys compared case-insensitively), or {@code defaultValue} when absent. */
    public static <T> T choice(String parameter, @Nullable String raw, Map<String, T> choices, T defaultValue) {
        if (raw == null || raw.isEmpty()) {
            return defaultValue;
        }
        for (Map.Entry<String, T> e : choices.entrySet()) {
            if (e.getKey().equalsIgnoreCase(raw)) {
                return e.getValue();
            }
        }
        throw new InvalidParameterException(parameter, "expected one of " + String.join(", ", choices.keySet())
                + ", was \"" + shorten(raw) + "\"");
    }

    /** An instant as ISO-8601 ({@code 2026-11-01T00:00:00Z}) or a UTC date ({@code 2026-11-01}), in epoch microseconds. */
    @Nullable
    public static Long instantMicros(String parameter, @Nullable String raw) {
        if (raw == null || raw.isEmpty()) {
            return null;
        }
        Instant instant;
        try {
            instant = raw.length() == 10 ? LocalDate.parse(raw).atStartOfDay(ZoneOffset.UTC).toInstant() : Instant.parse(raw);
        } catch (DateTimeParseException e) {
            throw new InvalidParameterException(parameter,
                    "expected an ISO-8601 instant (2026-11-01T00:00:00Z) or date (2026-11-01), was \"" + shorten(raw) + "\"");
        }
        if (instant.isBefore(EARLIEST) || instant.isAfter(LATEST)) {
            // beyond these, epoch microseconds overflow a long
            throw new InvalidParameterException(parameter, "expected an instant within 1970-01-01T00:00:00Z..9999-12-31T23:59:59Z, was \""
                    + shorten(raw) + "\"");
        }
        return instant.getEpochSecond() * 1_000_000L + instant.getNano() / 1_000;
    }

    private static String shorten(String raw) {
        return raw.length() <= 40 ? raw : raw.substring(0, 40) + "…";
    }
}
