package io.periscope.detection.signature.locate;

/**
 * Bounds on the work the locator does for one exchange, so that a hostile request (a 10 MiB JSON body, 100 000 query
 * parameters, nesting a thousand levels deep) costs no more than an ordinary large one.
 *
 * @param maxValues      values located per exchange
 * @param maxChars       characters located per exchange, all values together
 * @param maxValueLength characters of one value kept (the decoders cut longer forms at 16 KiB anyway)
 * @param maxJsonDepth   JSON nesting levels read
 */
public record LocateLimits(int maxValues, int maxChars, int maxValueLength, int maxJsonDepth) {

    /**
     * 512 values and 256 Ki characters cover the largest ordinary API requests (a form of a few hundred fields, a
     * JSON document of a few hundred KiB is read to that point); 16 Ki characters per value match the decoder's
     * bound; 32 JSON levels are more than any schema we have seen nests.
     */
    public static final LocateLimits DEFAULTS = new LocateLimits(512, 256 * 1024, 16 * 1024, 32);

    public LocateLimits {
        if (maxValues < 1 || maxChars < 1 || maxValueLength < 1 || maxJsonDepth < 1) {
            throw new IllegalArgumentException("locate limits must be positive");
        }
    }
}
