package io.periscope.reassembly;

import io.periscope.reassembly.http.ParserLimits;
import io.periscope.reassembly.redact.SensitiveMasker;
import io.periscope.reassembly.tcp.MemoryBudget;
import io.periscope.reassembly.tcp.ReassemblyContext;
import io.periscope.sensitive.CustomType;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Settings of TCP reassembly, HTTP parsing and exchange enrichment (keys under
 * {@code periscope.reassembly.}), validated on construction: a bad value fails with a message naming its key.
 * Global limits are split evenly across workers, so no worker ever consults another's state.
 *
 * @param maxConnections              connections tracked at once, all workers together; past it the least
 *                                    recently active connection is evicted (its messages flushed, flagged)
 * @param maxBufferedBytes            bytes held in out-of-order buffers and partial messages, all workers together;
 *                                    past it the least recently active connections are evicted
 * @param maxOutOfOrderBytes          bytes one direction may hold ahead of a hole before the hole is declared a gap
 * @param idleTimeout                 a connection without packets for this long (capture clock) is flushed and forgotten
 * @param reorderWindowSegments       segments of a connection that must pass before bytes its peer acknowledged but the
 *                                    capture has not shown are declared a gap (with {@code reorderWindow}: both must pass)
 * @param reorderWindow               capture time that must pass for the same (both must pass; a connection silent for
 *                                    this long ends the wait on the worker's tick)
 * @param maxLineLength               longest start line, header line or chunk-size line
 * @param maxHeaderCount              most header (or trailer) fields in one message
 * @param maxHeaderBytes              largest header section of one message
 * @param maxBodyBytes                body bytes captured per message (the rest is counted, not kept)
 * @param maxDecodedBytes             decompression-bomb limit: bytes produced by undoing content codings per layer
 * @param maxScanBytes                decoded body bytes read by sensitive-data detection (JSON bodies, streaming), at
 *                                    least {@code maxBodyBytes}: a body is published up to {@code maxBodyBytes} but
 *                                    judged up to this limit, and the sensitive types found past the published part
 *                                    travel in {@code Body.scan}
 * @param maxPendingRequests          requests awaiting a response per connection; the oldest is emitted unpaired past it
 * @param maxDetectBytes              bytes scanned for a first HTTP message before a connection is deemed not HTTP
 * @param trustedProxies              CIDRs whose forwarding headers are believed
 * @param clientIpHeaders             forwarding headers consulted, in order of preference
 * @param apiKeyHeaders               header names (case-insensitive) that carry API keys
 * @param apiKeyQueryParameters       query parameter names (case-insensitive) that carry API keys or tokens
 * @param sessionCookieNames          cookie names reported as credentials (every cookie value is redacted regardless)
 * @param allCookiesAreCredentials    report every cookie as a credential, not only the named ones
 * @param credentialNames             names (headers, query, cookies, form, multipart and JSON fields; compared lower-case
 *                                    without {@code - _ .}) that carry credentials, besides the built-in list
 * @param credentialNameExclusions    names never treated as credentials by name (their values are still checked by shape)
 * @param loginFields                 request-body field names that carry a login name; a login that masking hides (an
 *                                    e-mail address) is also described by a keyed {@code Login} fingerprint, so
 *                                    detection can tell {@code a.one@x} from {@code a.two@x} after both became {@code a***@x}
 * @param maskedSensitiveTypes        sensitive types masked before publishing (discovery's detector type names)
 * @param phoneRegion                 ISO 3166 region of phone numbers written without a country code
 * @param customSensitiveTypes        discovery's user-defined sensitive types, masked as well
 * @param maxJsonDepth                nesting depth up to which JSON bodies are rewritten structurally; the rest is
 *                                    scanned as text
 * @param fingerprintSecret           per-install secret keying credential fingerprints (at least 16 bytes)
 * @param receiverId                  id of this receiver instance, copied into {@code MirrorSource.receiver}
 */
public record ReassemblyConfig(
        int maxConnections,
        long maxBufferedBytes,
        int maxOutOfOrderBytes,
        Duration idleTimeout,
        int reorderWindowSegments,
        Duration reorderWindow,
        int maxLineLength,
        int maxHeaderCount,
        int maxHeaderBytes,
        int maxBodyBytes,
        int maxDecodedBytes,
        int maxScanBytes,
        int maxPendingRequests,
        int maxDetectBytes,
        List<String> trustedProxies,
        List<String> clientIpHeaders,
        List<String> apiKeyHeaders,
        List<String> apiKeyQueryParameters,
        List<String> sessionCookieNames,
        boolean allCookiesAreCredentials,
        List<String> credentialNames,
        List<String> credentialNameExclusions,
        List<String> loginFields,
        List<String> maskedSensitiveTypes,
        String phoneRegion,
        List<CustomType> customSensitiveTypes,
        int maxJsonDepth,
        byte[] fingerprintSecret,
        String receiverId) {

    /** The login-name fields of sign-in bodies; the same list as detection's {@code principals.login-fields}. */
    public static final List<String> DEFAULT_LOGIN_FIELDS =
            List.of("username", "user", "login", "email", "user_name", "userName", "account", "name");

    public static final List<String> PRIVATE_RANGES =
            List.of("10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "127.0.0.0/8", "fc00::/7", "::1/128");

    public ReassemblyConfig {
        positive("max-connections", maxConnections);
        positive("max-buffered-bytes", maxBufferedBytes);
        positive("max-out-of-order-bytes", maxOutOfOrderBytes);
        positive("max-line-length", maxLineLength);
        positive("max-header-count", maxHeaderCount);
        positive("max-header-bytes", maxHeaderBytes);
        positive("max-body-bytes", maxBodyBytes);
        positive("max-decoded-bytes", maxDecodedBytes);
        positive("max-scan-bytes", maxScanBytes);
        positive("max-pending-requests", maxPendingRequests);
        positive("max-detect-bytes", maxDetectBytes);
        positive("max-json-depth", maxJsonDepth);
        Objects.requireNonNull(idleTimeout, "idleTimeout");
        if (idleTimeout.isNegative() || idleTimeout.isZero()) {
            throw invalid("idle-timeout", idleTimeout, "expected a positive duration");
        }
        if (reorderWindowSegments < 0) {
            throw invalid("reorder-window-segments", reorderWindowSegments, "expected zero or a positive whole number");
        }
        Objects.requireNonNull(reorderWindow, "reorderWindow");
        if (reorderWindow.isNegative() || reorderWindow.compareTo(idleTimeout) >= 0) {
            throw invalid("reorder-window", reorderWindow, "expected zero or a duration shorter than idle-timeout (" + idleTimeout + ")");
        }
        if (maxDecodedBytes < maxBodyBytes) {
            throw invalid("max-decoded-bytes", maxDecodedBytes, "expected at least max-body-bytes (" + maxBodyBytes + ")");
        }
        if (maxScanBytes < maxBodyBytes) {
            throw invalid("max-scan-bytes", maxScanBytes, "expected at least max-body-bytes (" + maxBodyBytes
                    + "): every published byte is scanned");
        }
        Objects.requireNonNull(fingerprintSecret, "fingerprintSecret");
        if (fingerprintSecret.length < 16) {
            // a secret: name the key, never echo the value
            throw invalid("fingerprint-secret", "<" + fingerprintSecret.length + " bytes>", "expected at least 16 bytes");
        }
        fingerprintSecret = fingerprintSecret.clone();
        trustedProxies = List.copyOf(trustedProxies);
        clientIpHeaders = List.copyOf(clientIpHeaders);
        apiKeyHeaders = List.copyOf(apiKeyHeaders);
        apiKeyQueryParameters = List.copyOf(apiKeyQueryParameters);
        sessionCookieNames = List.copyOf(sessionCookieNames);
        credentialNames = List.copyOf(credentialNames);
        credentialNameExclusions = List.copyOf(credentialNameExclusions);
        loginFields = List.copyOf(loginFields);
        maskedSensitiveTypes = List.copyOf(maskedSensitiveTypes);
        for (String type : maskedSensitiveTypes) {
            if (!SensitiveMasker.DEFAULT_TYPES.contains(type)) {
                throw invalid("masked-sensitive-types", String.join(",", maskedSensitiveTypes),
                        "expected a subset of " + String.join(", ", SensitiveMasker.DEFAULT_TYPES)
                                + " (credentials are always redacted; custom types are always masked)");
            }
        }
        customSensitiveTypes = List.copyOf(customSensitiveTypes);
        Objects.requireNonNull(phoneRegion, "phoneRegion");
        for (CustomType c : customSensitiveTypes) {
            c.toDetector(); // invalid regexes fail at start, with the type's name
        }
        Objects.requireNonNull(receiverId, "receiverId");
    }

    private static void positive(String key, long value) {
        if (value <= 0) {
            throw invalid(key, value, "expected a positive whole number");
        }
    }

    /** The message names the full key, as every configuration error does. */
    private static IllegalArgumentException invalid(String key, Object value, String expected) {
        return new IllegalArgumentException("periscope.reassembly." + key + " = \"" + value + "\": " + expected);
    }

    @Override
    public byte[] fingerprintSecret() {
        return fingerprintSecret.clone();
    }

    @Override
    public String toString() {
        // never print the secret
        return "ReassemblyConfig[maxConnections=" + maxConnections + ", maxBufferedBytes=" + maxBufferedBytes
                + ", idleTimeout=" + idleTimeout + ", reorderWindow=" + reorderWindow + "/" + reorderWindowSegments
                + " segments, maxBodyBytes=" + maxBodyBytes + ", receiverId=" + receiverId + "]";
    }

    /** The same settings keyed by another fingerprint secret (the install's, known only at start). */
    public ReassemblyConfig withFingerprintSecret(byte[] secret) {
        return new ReassemblyConfig(maxConnections, maxBufferedBytes, maxOutOfOrderBytes, idleTimeout, reorderWindowSegments,
                reorderWindow, maxLineLength, maxHeaderCount, maxHeaderBytes, maxBodyBytes, maxDecodedBytes, maxScanBytes, maxPendingRequests,
                maxDetectBytes, trustedProxies, clientIpHeaders, apiKeyHeaders, apiKeyQueryParameters, sessionCookieNames,
                allCookiesAreCredentials, credentialNames, credentialNameExclusions, loginFields, maskedSensitiveTypes, phoneRegion,
                customSensitiveTypes, maxJsonDepth, secret, receiverId);
    }

    /** The HTTP parsers' bounds for one worker, drawing on that worker's {@code budget}. */
    public ParserLimits parserLimits(MemoryBudget budget, ReassemblyMetrics metrics) {
        return new ParserLimits(maxLineLength, maxHeaderCount, maxHeaderBytes, maxBodyBytes, maxScanBytes, maxDetectBytes,
                budget, metrics);
    }

    /** The TCP reassembly bounds (out-of-order bytes, reorder window) for one worker, drawing on its {@code budget}. */
    public ReassemblyContext reassemblyContext(MemoryBudget budget, ReassemblyMetrics metrics) {
        return new ReassemblyContext(metrics, budget, maxOutOfOrderBytes, reorderWindowSegments,
                reorderWindow.toNanos() / 1000);
    }

    public static Builder builder(byte[] fingerprintSecret) {
        return new Builder(fingerprintSecret);
    }

    /** Defaults as documented in docs/http-reassembly.md. */
    public static final class Builder {
        private int maxConnections = 1_000_000;
        private long maxBufferedBytes = 512L * 1024 * 1024;
        private int maxOutOfOrderBytes = 256 * 1024;
        private Duration idleTimeout = Duration.ofSeconds(120);
        /**
         * An NLB or mirror reorders by 1–3 packet positions within a few ms; 64 segments is a 20× margin that
         * still fits the default out-of-order buffer at a 1448-byte MSS (64 × 1448 = 93 KB of 256 KiB).
         */
        private int reorderWindowSegments = 64;
        /** 10× the few ms of mirror reordering; short enough that a real loss delays its exchange unnoticeably. */
        private Duration reorderWindow = Duration.ofMillis(50);
        private int maxLineLength = 8 * 1024;
        private int maxHeaderCount = 128;
        private int maxHeaderBytes = 64 * 1024;
        private int maxBodyBytes = 64 * 1024;
        private int maxDecodedBytes = 1024 * 1024;
        /**
         * 16× the published cap: paginated API responses and full data-set dumps of small services run to tens or a
         * few hundred KiB, so 1 MiB judges them whole; it equals the decompression limit, so a compressed JSON body
         * is judged as far as it is decoded. A larger body is flagged partly scanned, never silently skipped.
         */
        private int maxScanBytes = 1024 * 1024;
        private int maxPendingRequests = 64;
        private int maxDetectBytes = 64 * 1024;
        private List<String> trustedProxies = PRIVATE_RANGES;
        private List<String> clientIpHeaders = List.of("X-Forwarded-For", "Forwarded", "X-Real-IP");
        private List<String> apiKeyHeaders = List.of("x-api-key", "api-key", "apikey", "x-auth-token", "x-access-token");
        private List<String> apiKeyQueryParameters = List.of("api_key", "apikey", "api-key", "access_token", "token", "key");
        private List<String> sessionCookieNames = List.of("JSESSIONID", "PHPSESSID", "ASP.NET_SessionId", "connect.sid",
                "session", "sessionid", "_session_id", "sid", "laravel_session");
        private boolean allCookiesAreCredentials;
        private List<String> credentialNames = List.of();
        private List<String> credentialNameExclusions = List.of();
        private List<String> loginFields = DEFAULT_LOGIN_FIELDS;
        private List<String> maskedSensitiveTypes = SensitiveMasker.DEFAULT_TYPES;
        private String phoneRegion = "US";
        private List<CustomType> customSensitiveTypes = List.of();
        /** Deep enough for any API document; deeper nesting is an attack on parsers, scanned as text instead. */
        private int maxJsonDepth = 64;
        private final byte[] fingerprintSecret;
        private String receiverId = "periscope";

        private Builder(byte[] fingerprintSecret) {
            this.fingerprintSecret = fingerprintSecret;
        }

        public Builder maxConnections(int v) { maxConnections = v; return this; }
        public Builder maxBufferedBytes(long v) { maxBufferedBytes = v; return this; }
        public Builder maxOutOfOrderBytes(int v) { maxOutOfOrderBytes = v; return this; }
        public Builder idleTimeout(Duration v) { idleTimeout = v; return this; }
        public Builder reorderWindowSegments(int v) { reorderWindowSegments = v; return this; }
        public Builder reorderWindow(Duration v) { reorderWindow = v; return this; }
        public Builder maxLineLength(int v) { maxLineLength = v; return this; }
        public Builder maxHeaderCount(int v) { maxHeaderCount = v; return this; }
        public Builder maxHeaderBytes(int v) { maxHeaderBytes = v; return this; }
        public Builder maxBodyBytes(int v) { maxBodyBytes = v; return this; }
        public Builder maxDecodedBytes(int v) { maxDecodedBytes = v; return this; }
        public Builder maxScanBytes(int v) { maxScanBytes = v; return this; }
        public Builder maxPendingRequests(int v) { maxPendingRequests = v; return this; }
        public Builder maxDetectBytes(int v) { maxDetectBytes = v; return this; }
        public Builder trustedProxies(List<String> v) { trustedProxies = v; return this; }
        public Builder clientIpHeaders(List<String> v) { clientIpHeaders = v; return this; }
        public Builder apiKeyHeaders(List<String> v) { apiKeyHeaders = v; return this; }
        public Builder apiKeyQueryParameters(List<String> v) { apiKeyQueryParameters = v; return this; }
        public Builder sessionCookieNames(List<String> v) { sessionCookieNames = v; return this; }
        public Builder allCookiesAreCredentials(boolean v) { allCookiesAreCredentials = v; return this; }
        public Builder credentialNames(List<String> v) { credentialNames = v; return this; }
        public Builder credentialNameExclusions(List<String> v) { credentialNameExclusions = v; return this; }
        public Builder loginFields(List<String> v) { loginFields = v; return this; }
        public Builder maskedSensitiveTypes(List<String> v) { maskedSensitiveTypes = v; return this; }
        public Builder phoneRegion(String v) { phoneRegion = v; return this; }
        public Builder customSensitiveTypes(List<CustomType> v) { customSensitiveTypes = v; return this; }
        public Builder maxJsonDepth(int v) { maxJsonDepth = v; return this; }
        public Builder receiverId(String v) { receiverId = v; return this; }

        public ReassemblyConfig build() {
            return new ReassemblyConfig(maxConnections, maxBufferedBytes, maxOutOfOrderBytes, idleTimeout,
                    reorderWindowSegments, reorderWindow, maxLineLength, maxHeaderCount, maxHeaderBytes, maxBodyBytes,
                    maxDecodedBytes, maxScanBytes, maxPendingRequests, maxDetectBytes, trustedProxies, clientIpHeaders, apiKeyHeaders, apiKeyQueryParameters, sessionCookieNames,
                    allCookiesAreCredentials, credentialNames, credentialNameExclusions, loginFields, maskedSensitiveTypes, phoneRegion,
                    customSensitiveTypes, maxJsonDepth, fingerprintSecret, receiverId);
        }
    }
}
