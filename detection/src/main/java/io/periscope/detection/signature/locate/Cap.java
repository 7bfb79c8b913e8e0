package io.periscope.detection.signature.locate;

/** Why the locator left part of a request unread; each is counted so that a capped request is visible, not silent. */
public enum Cap {
    /** More values than {@link LocateLimits#maxValues()}: the rest of the request was not inspected. */
    VALUES("values"),
    /** The values read so far reached {@link LocateLimits#maxChars()} in total. */
    CHARS("chars"),
    /** One value longer than {@link LocateLimits#maxValueLength()}: inspected up to that length. */
    VALUE_LENGTH("value_length"),
    /** JSON nested deeper than {@link LocateLimits#maxJsonDepth()}: the deeper part was skipped. */
    JSON_DEPTH("json_depth"),
    /** A JSON body that did not parse to its end: the values before the error were inspected, the body whole too. */
    JSON_MALFORMED("json_malformed");

    private final String tag;

    Cap(String tag) {
        this.tag = tag;
    }

    /** The metric tag of this reason. */
    public String tag() {
        return tag;
    }
}
