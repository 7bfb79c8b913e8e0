package io.periscope.server.config;

/**
 * A configuration value that cannot be used. Its message is the one line printed when the start is
 * refused, so it names the key, the value and what was expected.
 */
public final class ConfigurationException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ConfigurationException(String key, Object value, String expected) {
        super(key + " = \"" + value + "\": " + expected);
    }

    /** A stage module rejected a value; its message already names the key and the value. */
    public ConfigurationException(IllegalArgumentException rejectedByStage) {
        super(rejectedByStage.getMessage(), rejectedByStage);
    }
}
