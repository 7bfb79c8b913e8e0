package io.periscope.events;

/**
 * An event record that says which format it was written in. A consumer skips a record whose
 * {@code schemaVersion} is newer than the one it was built for, because a newer format may mean something
 * else; minor additions that keep the meaning do not bump the version (unknown JSON properties are ignored).
 */
public interface Versioned {
    int schemaVersion();
}
