package io.periscope.mirror.config;

/** Range checks shared by the config records; each failure names the key and the value. */
final class Checks {
    static final String PREFIX = "periscope.mirror.";

    private Checks() {
    }

    static int range(String key, int value, int min, int max) {
        if (value < min || value > max) {
            throw new ConfigException(PREFIX + key, value, "must be between " + min + " and " + max);
        }
        return value;
    }

    static int port(String key, int value, boolean zeroDisables) {
        return range(key, value, zeroDisables ? 0 : 1, 65535);
    }

    static <T> T notNull(String key, T value) {
        if (value == null) {
            throw new ConfigException(PREFIX + key, null, "must be set");
        }
        return value;
    }

    static String notBlank(String key, String value) {
        if (value == null || value.isBlank()) {
            throw new ConfigException(PREFIX + key, value == null ? null : '"' + value + '"', "must not be blank");
        }
        return value;
    }
}
