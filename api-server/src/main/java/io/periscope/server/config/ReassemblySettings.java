package io.periscope.server.config;

import io.periscope.events.kafka.RecordFormat;
import io.periscope.reassembly.ReassemblyConfig;
import io.periscope.reassembly.publish.PublisherConfig;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Map;

/**
 * Reassembly and exchange publishing (keys {@code periscope.reassembly.*} and
 * {@code periscope.reassembly.kafka.*}). Values are validated at start by building the stage's own
 * records; the install's fingerprint key and the bootstrap servers are filled in when the receiver
 * role starts ({@link #reassembly(byte[])}, {@link #publisher(Map)}).
 *
 * @param fingerprintSecret {@code periscope.fingerprint-secret}: shared HMAC key of every receiver, or
 *                          empty to use (and on first start create) {@code <data-dir>/fingerprint.key}
 * @param template          reassembly settings, validated with a placeholder key
 * @param publisherTemplate publisher settings, validated with a placeholder bootstrap
 */
public record ReassemblySettings(String fingerprintSecret, ReassemblyConfig template, PublisherConfig publisherTemplate) {
    private static final String P = "periscope.reassembly.";
    private static final byte[] PLACEHOLDER_KEY = new byte[32];

    @Override
    public String toString() {
        return "ReassemblySettings[fingerprintSecret=" + (fingerprintSecret.isEmpty() ? "" : "<set>")
                + ", template=" + template + ", publisher=" + publisherTemplate + "]";
    }

    static ReassemblySettings read(ConfigReader c) {
        ReassemblyConfig d = ReassemblyConfig.builder(PLACEHOLDER_KEY).build();
        PublisherConfig pd = PublisherConfig.builder().build();
        try {
            ReassemblyConfig template = ReassemblyConfig.builder(PLACEHOLDER_KEY)
                    .maxConnections(c.integer(P + "max-connections", d.maxConnections(), 1, Integer.MAX_VALUE))
                    .maxBufferedBytes(c.positiveLong(P + "max-buffered-bytes", d.maxBufferedBytes()))
                    .maxOutOfOrderBytes(c.integer(P + "max-out-of-order-bytes", d.maxOutOfOrderBytes(), 1, Integer.MAX_VALUE))
                    .idleTimeout(c.duration(P + "idle-timeout", d.idleTimeout()))
                    .reorderWindowSegments(c.integer(P + "reorder-window-segments", d.reorderWindowSegments(), 0, 1_000_000))
                    .reorderWindow(c.duration(P + "reorder-window", d.reorderWindow()))
                    .maxLineLength(c.integer(P + "max-line-length", d.maxLineLength(), 1, Integer.MAX_VALUE))
                    .maxHeaderCount(c.integer(P + "max-header-count", d.maxHeaderCount(), 1, Integer.MAX_VALUE))
                    .maxHeaderBytes(c.integer(P + "max-header-bytes", d.maxHeaderBytes(), 1, Integer.MAX_VALUE))
                    .maxBodyBytes(c.integer(P + "max-body-bytes", d.maxBodyBytes(), 1, Integer.MAX_VALUE))
                    .maxDecodedBytes(c.integer(P + "max-decoded-bytes", d.maxDecodedBytes(), 1, Integer.MAX_VALUE))
                    .maxScanBytes(c.integer(P + "max-scan-bytes", d.maxScanBytes(), 1, Integer.MAX_VALUE))
                    .maxPendingRequests(c.integer(P + "max-pending-requests", d.maxPendingRequests(), 1, Integer.MAX_VALUE))
                    .maxDetectBytes(c.integer(P + "max-detect-bytes", d.maxDetectBytes(), 1, Integer.MAX_VALUE))
                    .trustedProxies(c.list(P + "trusted-proxies", d.trustedProxies()))
                    .clientIpHeaders(c.list(P + "client-ip-headers", d.clientIpHeaders()))
                    .apiKeyHeaders(c.list(P + "api-key-headers", d.apiKeyHeaders()))
                    .apiKeyQueryParameters(c.list(P + "api-key-query-parameters", d.apiKeyQueryParameters()))
                    .sessionCookieNames(c.list(P + "session-cookie-names", d.sessionCookieNames()))
                    .allCookiesAreCredentials(c.bool(P + "all-cookies-are-credentials", d.allCookiesAreCredentials()))
                    .credentialNames(c.list(P + "credential-names", d.credentialNames()))
                    .credentialNameExclusions(c.list(P + "credential-name-exclusions", d.credentialNameExclusions()))
                    .loginFields(c.list(P + "login-fields", d.loginFields()))
                    .maskedSensitiveTypes(c.list(P + "masked-sensitive-types", d.maskedSensitiveTypes()))
                    .maxJsonDepth(c.integer(P + "max-json-depth", d.maxJsonDepth(), 1, 1000))
                    // the sensor masks what discovery reports: one phone region, one set of custom types
                    .phoneRegion(c.string("periscope.discovery.sensitive.phone-region", d.phoneRegion()))
                    .customSensitiveTypes(DiscoverySettings.customTypes(c))
                    .receiverId(c.string(P + "receiver-id", hostName()))
                    .build();
            String k = P + "kafka.";
            PublisherConfig publisher = PublisherConfig.builder()
                    .senderThreads(c.integer(k + "sender-threads", pd.senderThreads(), 1, 64))
                    .maxQueuedExchanges(c.integer(k + "max-queued-exchanges", pd.maxQueuedExchanges(), 1, Integer.MAX_VALUE))
                    .maxQueuedBytes(c.positiveLong(k + "max-queued-bytes", pd.maxQueuedBytes()))
                    .compressionType(c.string(k + "compression-type", pd.compressionType()))
                    .lingerMs(c.integer(k + "linger-ms", pd.lingerMs(), 0, 60_000))
                    .batchSize(c.integer(k + "batch-size", pd.batchSize(), 1, Integer.MAX_VALUE))
                    .bufferMemory(c.positiveLong(k + "buffer-memory", pd.bufferMemory()))
                    .maxBlockMs(c.integer(k + "max-block-ms", pd.maxBlockMs(), 0, 600_000))
                    .deliveryTimeoutMs(c.integer(k + "delivery-timeout-ms", pd.deliveryTimeoutMs(), 1, Integer.MAX_VALUE))
                    .overrides(c.map(k + "overrides"))
                    .recordFormat(RecordFormat.of(k + "record-format",
                            c.string(k + "record-format", pd.recordFormat().setting())))
                    .build();
            return new ReassemblySettings(c.string("periscope.fingerprint-secret", ""), template, publisher);
        } catch (ConfigurationException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException(e);
        }
    }

    /** The reassembly config with the install's fingerprint key. */
    public ReassemblyConfig reassembly(byte[] fingerprintKey) {
        return template.withFingerprintSecret(fingerprintKey);
    }

    /**
     * The publisher config for this cluster: its bootstrap servers, and the pass-through client
     * properties (TLS, SASL, MSK IAM) under the publisher's own overrides.
     */
    public PublisherConfig publisher(Map<String, Object> clientProperties) {
        return publisherTemplate.withClientProperties(clientProperties);
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "periscope";
        }
    }
}
