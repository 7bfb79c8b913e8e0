package io.periscope.events.detection;

/**
 * An endpoint an incident touched.
 *
 * @param serviceKey   the service
 * @param endpointId   the catalog endpoint id, null when unknown
 * @param method       the method
 * @param path         the path template (or masked path when no template is known)
 * @param requests     requests of the incident to it
 */
public record EndpointTouch(String serviceKey, String endpointId, String method, String path, long requests) {
}
