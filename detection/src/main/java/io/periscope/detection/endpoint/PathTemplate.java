package io.periscope.detection.endpoint;

/**
 * A request path reduced to its template, with the object id it addressed.
 *
 * @param template  the path with id-like segments replaced by {@code {id}} ({@code /orders/{id}/items})
 * @param objectId  the last id-like segment, null when the path names no object
 */
public record PathTemplate(String template, String objectId) {
}
