package io.periscope.server.config;

import java.util.Locale;

/**
 * What one Periscope process does. A standalone deployment runs all roles; a scale-out deployment
 * runs a subset per machine against one Kafka cluster.
 */
public enum Role {
    /** Receives mirrored packets, reassembles TCP and HTTP, publishes exchanges. */
    RECEIVER,
    /** Consumes exchanges into the API catalog, change events and posture findings. */
    DISCOVERY,
    /** Learns baselines and correlates signals into incidents. */
    DETECTION,
    /** Acts on incidents through AWS WAF and API Gateway. */
    ENFORCEMENT,
    /** Decides alerts from incidents, changes and findings, and delivers them to the alert destinations. */
    ALERTING,
    /** Serves the REST API and the web UI. */
    API;

    /** The name in {@code periscope.roles} and in the health report. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
