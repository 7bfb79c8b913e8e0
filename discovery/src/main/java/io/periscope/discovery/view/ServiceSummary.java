package io.periscope.discovery.view;

/**
 * A row of the service list. Every count says its unit in its name.
 *
 * @param endpoints   endpoints in the catalog
 * @param calls       exchanges counted on those endpoints (probed paths' calls are not among them)
 * @param findings    open findings of the service: those of its endpoints and those of the service itself
 *                    (traversal attempts, content-discovery probes); one finding per type and subject
 * @param probedPaths paths of the service that only ever answered "not found", kept apart from the catalog
 */
public record ServiceSummary(String serviceKey, String session, String host, int endpoints, long calls,
                             long firstSeenMicros, long lastSeenMicros, int findings, int probedPaths) {
}
