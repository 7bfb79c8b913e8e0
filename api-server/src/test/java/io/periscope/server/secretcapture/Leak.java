package io.periscope.server.secretcapture;

/**
 * A needle found where it must not be.
 *
 * @param needle the raw value found (describe it with {@link Needle#describe()}, never print its value)
 * @param form   how it was written: {@code raw}, {@code json-escaped}, {@code url-encoded}, {@code base64}, ...
 * @param where  the topic/partition/offset, API path or log line it was found in
 */
public record Leak(Needle needle, String form, String where) {
    @Override
    public String toString() {
        return needle.describe() + " as " + form + " in " + where;
    }
}
