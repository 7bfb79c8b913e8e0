package io.periscope.server.config;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Reads and validates typed values from a flat property source. Every failure is a
 * {@link ConfigurationException} naming the key and the offending value.
 *
 * <p>Values arrive as strings or lists (YAML lists, or comma-separated strings from environment
 * variables); both forms are accepted wherever a list is expected.
 */
public final class ConfigReader {
    /** A property source: the raw value of a key, if set. */
    @FunctionalInterface
    public interface Source {
        Optional<Object> get(String key);

        /** All keys starting with {@code prefix + "."}, mapped without the prefix. Empty by default. */
        default Map<String, String> under(String prefix) {
            return Map.of();
        }
    }

    private final Source source;

    public ConfigReader(Source source) {
        this.source = source;
    }

    public String string(String key, String defaultValue) {
        return source.get(key).map(ConfigReader::scalar).map(String::trim).orElse(defaultValue);
    }

    public int integer(String key, int defaultValue, int min, int max) {
        return (int) bounded(key, defaultValue, min, max, "expected a whole number from " + min + " to " + max);
    }

    public int port(String key, int defaultValue, boolean zeroAllowed) {
        return (int) bounded(key, defaultValue, zeroAllowed ? 0 : 1, 65535,
                "expected a TCP/UDP port number from " + (zeroAllowed ? "0 (any free port)" : "1") + " to 65535");
    }

    public long positiveLong(String key, long defaultValue) {
        return bounded(key, defaultValue, 1, Long.MAX_VALUE, "expected a positive whole number");
    }

    /** A number from 0 to 1, such as a ratio or a threshold. */
    public double fraction(String key, double defaultValue) {
        String raw = string(key, null);
        if (raw == null || raw.isEmpty()) {
            return defaultValue;
        }
        try {
            double value = Double.parseDouble(raw);
            if (value >= 0 && value <= 1) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new ConfigurationException(key, raw, "expected a number from 0 to 1");
    }

    private long bounded(String key, long defaultValue, long min, long max, String expected) {
        String raw = string(key, null);
        if (raw == null || raw.isEmpty()) {
            return defaultValue;
        }
        try {
            long value = Long.parseLong(raw);
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new ConfigurationException(key, raw, expected);
    }

    public boolean bool(String key, boolean defaultValue) {
        String raw = string(key, null);
        if (raw == null || raw.isEmpty()) {
            return defaultValue;
        }
        return switch (raw.toLowerCase(Locale.ROOT)) {
            case "true", "yes", "on" -> true;
            case "false", "no", "off" -> false;
            default -> throw new ConfigurationException(key, raw, "expected true or false");
        };
    }

    /** A duration as ISO-8601 ({@code PT30S}) or a number with a unit: {@code 500ms}, {@code 30s}, {@code 5m}, {@code 2h}, {@code 7d}. */
    public Duration duration(String key, Duration defaultValue) {
        String raw = string(key, null);
        if (raw == null || raw.isEmpty()) {
            return defaultValue;
        }
        Duration parsed = parseDuration(raw);
        if (parsed == null || parsed.isNegative()) {
            throw new ConfigurationException(key, raw, "expected a duration such as 500ms, 30s, 5m, 2h or 7d");
        }
        return parsed;
    }

    private static Duration parseDuration(String raw) {
        String s = raw.trim().toLowerCase(Locale.ROOT);
        try {
            if (s.startsWith("p")) {
                return Duration.parse(s.toUpperCase(Locale.ROOT));
            }
            int split = 0;
            while (split < s.length() && Character.isDigit(s.charAt(split))) {
                split++;
            }
            if (split == 0) {
                return null;
            }
            long n = Long.parseLong(s.substring(0, split));
            return switch (s.substring(split).trim()) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                case "d" -> Duration.ofDays(n);
                default -> null;
            };
        } catch (DateTimeParseException | NumberFormatException | ArithmeticException e) {
            return null;
        }
    }

    /** A list from a YAML sequence or a comma-separated string; blank items are dropped. */
    public List<String> list(String key, List<String> defaultValue) {
        Optional<Object> raw = source.get(key);
        if (raw.isEmpty()) {
            return defaultValue;
        }
        List<String> out = new ArrayList<>();
        if (raw.get() instanceof Collection<?> items) {
            for (Object item : items) {
                addSplit(out, String.valueOf(item));
            }
        } else {
            addSplit(out, scalar(raw.get()));
        }
        return List.copyOf(out);
    }

    private static void addSplit(List<String> out, String value) {
        for (String part : value.split(",")) {
            String trimmed = part.trim();
            if (!trimmed.isEmpty()) {
                out.add(trimmed);
            }
        }
    }

    /** Each item of a list parsed by {@code parser}, which throws IllegalArgumentException for a bad item. */
    public <T> List<T> list(String key, List<String> defaultValue, Function<String, T> parser, String expected) {
        List<T> out = new ArrayList<>();
        for (String item : list(key, defaultValue)) {
            try {
                out.add(parser.apply(item));
            } catch (IllegalArgumentException e) {
                throw new ConfigurationException(key, item, expected);
            }
        }
        return List.copyOf(out);
    }

    public <E extends Enum<E>> E enumValue(String key, Class<E> type, E defaultValue) {
        String raw = string(key, null);
        if (raw == null || raw.isEmpty()) {
            return defaultValue;
        }
        for (E constant : type.getEnumConstants()) {
            if (constant.name().equalsIgnoreCase(raw.replace('-', '_'))) {
                return constant;
            }
        }
        List<String> names = new ArrayList<>();
        for (E constant : type.getEnumConstants()) {
            names.add(constant.name().toLowerCase(Locale.ROOT).replace('_', '-'));
        }
        throw new ConfigurationException(key, raw, "expected one of " + String.join(", ", names));
    }

    /** Every key under {@code prefix}, as strings (e.g. Kafka client properties passed through). */
    public Map<String, String> map(String prefix) {
        return new LinkedHashMap<>(source.under(prefix));
    }

    private static String scalar(Object value) {
        if (value instanceof Collection<?> items) {
            List<String> parts = new ArrayList<>();
            items.forEach(i -> parts.add(String.valueOf(i)));
            return String.join(",", parts);
        }
        return String.valueOf(value);
    }
}
