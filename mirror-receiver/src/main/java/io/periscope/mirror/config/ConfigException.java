package io.periscope.mirror.config;

/** A configuration value is invalid. The message names the full key and the rejected value. */
public final class ConfigException extends IllegalArgumentException {

    public ConfigException(String key, Object value, String requirement) {
        super(key + " " + requirement + ", got " + value);
    }
}
