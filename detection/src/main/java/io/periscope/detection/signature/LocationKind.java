package io.periscope.detection.signature;

/** Where in a request a value was found; detectors weigh some classes by location (a URL-valued query value for SSRF). */
public enum LocationKind {
    PATH_SEGMENT,
    QUERY_NAME,
    QUERY_VALUE,
    HEADER,
    COOKIE,
    FORM_FIELD,
    MULTIPART_FIELD,
    JSON_KEY,
    JSON_VALUE,
    /** A body that is not parsed into fields (XML, text); inspected whole up to the input bound. */
    BODY
}
