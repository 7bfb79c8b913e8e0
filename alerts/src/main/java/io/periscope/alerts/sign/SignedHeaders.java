package io.periscope.alerts.sign;

/**
 * The three Standard Webhooks headers of one delivery attempt.
 *
 * @param id        {@code webhook-id}: the same for every attempt of one event version, so receivers can dedupe
 * @param timestamp {@code webhook-timestamp}: seconds since the epoch when this attempt was signed
 * @param signature {@code webhook-signature}: space-separated {@code v1,<base64>} entries, one per active secret
 */
public record SignedHeaders(String id, long timestamp, String signature) {
    public static final String ID = "webhook-id";
    public static final String TIMESTAMP = "webhook-timestamp";
    public static final String SIGNATURE = "webhook-signature";
}
