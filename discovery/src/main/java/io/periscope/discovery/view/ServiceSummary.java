package io.periscope.discovery.view;

/** A row of the service list. */
public record ServiceSummary(String serviceKey, String session, String host, int endpoints, long calls,
                             long firstSeenMicros, long lastSeenMicros, int findings) {
}
