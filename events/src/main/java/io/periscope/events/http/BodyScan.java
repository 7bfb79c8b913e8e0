package io.periscope.events.http;

import java.util.List;

/**
 * How much of a body the sensor's sensitive-data detection read, and what it found in the part a reader of
 * {@link Body#content()} cannot see. The sensor publishes at most {@code max-body-bytes} of a body but scans up to
 * {@code max-scan-bytes} (JSON bodies, streaming); the sensitive values past the published content travel here, so
 * discovery records types it cannot read itself.
 *
 * @param scannedBytes  bytes of the decoded body (as {@link Body#decodedLength()} counts them) that detection read:
 *                      the published content, plus the scanned bytes past it
 * @param complete      detection read the whole body; false when it was only partly scanned (the body was longer
 *                      than the scan limit, a gap removed bytes, a JSON body stopped parsing past the published
 *                      part, or the body was not scanned at all: see {@link Body#unscanned()})
 * @param beyondContent sensitive values found past the published content, one entry per type and place (at most
 *                      {@link #MAX_FOUND}); empty when the whole body is published
 */
public record BodyScan(long scannedBytes, boolean complete, List<Found> beyondContent) {
    /** Distinct type and place entries kept per body: more than any real API document has sensitive fields. */
    public static final int MAX_FOUND = 64;

    /** A body detection read in full, with nothing beyond its published content. */
    public static BodyScan whole(long bytes) {
        return new BodyScan(bytes, true, List.of());
    }

    /**
     * Sensitive values of one type at one place.
     *
     * @param type    the detector type ({@code iban}, {@code payment_card}, ...)
     * @param field   the JSON path as discovery names body fields ({@code $.accounts[*].iban})
     * @param count      values of that type found there
     * @param confidence the highest detector confidence among them, 0..1
     * @param example    one masked example (the detector's masked form), never a raw value
     */
    public record Found(String type, String field, long count, double confidence, String example) {
    }

    public BodyScan {
        beyondContent = beyondContent == null ? List.of() : List.copyOf(beyondContent);
    }
}
