package io.periscope.analytics.state;

/** Why an entry left a {@link BoundedKeyedState} without being removed by its owner. */
public enum EvictionReason {
    /** There were more keys than {@link StateBounds#maxEntries()}. */
    SIZE,
    /** The key was idle for {@link StateBounds#idleTimeout()}. */
    IDLE
}
