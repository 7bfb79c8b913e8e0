package io.periscope.server.config;

import io.periscope.alerts.delivery.DeliverySettings;
import io.periscope.alerts.delivery.RetryPolicy;
import io.periscope.alerts.delivery.TrustStore;
import io.periscope.alerts.destination.AlertFormat;
import io.periscope.alerts.destination.DeclaredDestination;
import io.periscope.alerts.destination.DestinationDraft;
import io.periscope.alerts.destination.EventSelection;
import io.periscope.alerts.safety.Cidr;
import io.periscope.events.catalog.ChangeType;
import io.periscope.events.catalog.FindingType;
import io.periscope.events.detection.IncidentChange;
import io.periscope.events.detection.Severity;
import io.periscope.events.enforcement.EnforcementFindingKind;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * The alerting stage and the alert destinations API (keys {@code periscope.alerts.*}).
 *
 * @param externalBaseUrl  the UI's address as people reading an alert reach it
 * @param allowHttp        accept http:// destinations
 * @param allowedCidrs     private or loopback blocks an admin allows as destinations
 * @param secretKey        base64 of 32 bytes sealing signing secrets; empty: a key file in the data directory
 * @param rotationGrace    how long a rotated-out secret keeps signing
 * @param digestThreshold  opened incidents per window sent one by one
 * @param digestWindow     the storm window
 * @param connectTimeout   connect timeout of a delivery
 * @param readTimeout      read timeout of a delivery
 * @param maxResponseBytes response body bytes kept
 * @param delivery         queues, circuit breaker and retries
 * @param declared         destinations declared here for infrastructure as code
 * @param trustStore       certificate authorities deliveries trust besides the JVM's (PEM or PKCS12 file)
 */
public record AlertSettings(String externalBaseUrl, boolean allowHttp, List<Cidr> allowedCidrs, String secretKey,
                            Duration rotationGrace, int digestThreshold, Duration digestWindow, Duration connectTimeout,
                            Duration readTimeout, int maxResponseBytes, DeliverySettings delivery,
                            List<DeclaredDestination> declared, TrustStore trustStore) {
    static final String DESTINATIONS = "periscope.alerts.destinations";

    static AlertSettings read(ConfigReader config) {
        String base = config.string("periscope.alerts.external-base-url", "http://localhost:8080");
        try {
            URI uri = new URI(base);
            if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
                throw new ConfigurationException("periscope.alerts.external-base-url", base, "expected an http(s) URL");
            }
        } catch (URISyntaxException e) {
            throw new ConfigurationException("periscope.alerts.external-base-url", base, "expected an http(s) URL");
        }
        String key = config.string("periscope.alerts.secret-key", "");
        if (!key.isEmpty() && decodedLength(key) != 32) {
            throw new ConfigurationException("periscope.alerts.secret-key", "(hidden)", "expected base64 of 32 random bytes");
        }
        DeliverySettings delivery = new DeliverySettings(
                config.integer("periscope.alerts.sender-threads", 8, 1, 256),
                config.integer("periscope.alerts.max-queued-per-destination", 10_000, 10, 1_000_000),
                config.integer("periscope.alerts.breaker.failures", 5, 1, 1000),
                positive(config, "periscope.alerts.breaker.cool-down", Duration.ofSeconds(30)),
                positive(config, "periscope.alerts.breaker.max-cool-down", Duration.ofMinutes(10)),
                new RetryPolicy(positive(config, "periscope.alerts.retry.base", Duration.ofSeconds(5)),
                        positive(config, "periscope.alerts.retry.max-delay", Duration.ofHours(1)),
                        positive(config, "periscope.alerts.retry.horizon", Duration.ofHours(24))));
        return new AlertSettings(base,
                config.bool("periscope.alerts.allow-http", false),
                config.list("periscope.alerts.allowed-cidrs", List.of(), Cidr::parse,
                        "expected address blocks such as 10.0.0.0/8 or fd00::/8"),
                key,
                positive(config, "periscope.alerts.rotation-grace", Duration.ofHours(24)),
                config.integer("periscope.alerts.digest.threshold", 10, 1, 10_000),
                positive(config, "periscope.alerts.digest.window", Duration.ofMinutes(1)),
                positive(config, "periscope.alerts.connect-timeout", Duration.ofSeconds(5)),
                positive(config, "periscope.alerts.read-timeout", Duration.ofSeconds(10)),
                config.integer("periscope.alerts.max-response-bytes", 4096, 256, 1024 * 1024),
                delivery,
                declared(config.map(DESTINATIONS)),
                trustStore(config));
    }

    /** The extra CAs, checked now: a file that cannot be read stops the start instead of failing every delivery. */
    private static TrustStore trustStore(ConfigReader config) {
        String path = config.string("periscope.alerts.trust-store", "");
        String password = config.string("periscope.alerts.trust-store-password", "");
        if (path.isBlank()) {
            return TrustStore.jvmDefault();
        }
        TrustStore store = new TrustStore(Path.of(path), password);
        try {
            store.socketFactory();
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException("periscope.alerts.trust-store", path,
                    "expected a readable PEM or PKCS12 file of CA certificates (" + e.getMessage() + ")");
        }
        return store;
    }

    /** The 32-byte sealing key, when configured. */
    public byte[] secretKeyBytes() {
        return Base64.getDecoder().decode(secretKey);
    }

    private static int decodedLength(String base64) {
        try {
            return Base64.getDecoder().decode(base64).length;
        } catch (IllegalArgumentException e) {
            return -1;
        }
    }

    private static Duration positive(ConfigReader config, String key, Duration defaultValue) {
        Duration d = config.duration(key, defaultValue);
        if (d.isZero() || d.isNegative()) {
            throw new ConfigurationException(key, d.toString(), "expected a positive duration");
        }
        return d;
    }

    /** {@code <id>.url}, {@code <id>.name}, ... flattened under {@value #DESTINATIONS}. */
    private static List<DeclaredDestination> declared(Map<String, String> flat) {
        Map<String, Map<String, String>> byId = new LinkedHashMap<>();
        flat.forEach((k, v) -> {
            int dot = k.indexOf('.');
            if (dot <= 0) {
                throw new ConfigurationException(DESTINATIONS + "." + k, v, "expected " + DESTINATIONS + ".<id>.<field>");
            }
            byId.computeIfAbsent(k.substring(0, dot), x -> new LinkedHashMap<>()).put(k.substring(dot + 1), v);
        });
        List<DeclaredDestination> out = new ArrayList<>();
        byId.forEach((id, f) -> {
            String prefix = DESTINATIONS + "." + id + ".";
            Map<String, String> headers = new LinkedHashMap<>();
            f.forEach((k, v) -> {
                if (k.startsWith("headers.")) {
                    headers.put(k.substring("headers.".length()), v);
                }
            });
            String secret = f.get("secret");
            if (secret == null || !secret.startsWith("whsec_")) {
                throw new ConfigurationException(prefix + "secret", "(hidden)", "expected a whsec_ signing secret");
            }
            AlertFormat format = parse(prefix + "format", f.getOrDefault("format", "periscope-json"), AlertFormat::valueOf);
            Severity min = parse(prefix + "min-severity", f.getOrDefault("min-severity", "low"), Severity::valueOf);
            EventSelection events = new EventSelection(
                    set(prefix + "incidents", f.getOrDefault("incidents", "opened,escalated,resolved,reopened"), IncidentChange::valueOf),
                    set(prefix + "changes", f.getOrDefault("changes", ""), ChangeType::valueOf),
                    set(prefix + "findings", f.getOrDefault("findings", ""), FindingType::valueOf),
                    set(prefix + "enforcement", f.getOrDefault("enforcement", "cap-reached,block-not-effective"),
                            EnforcementFindingKind::valueOf));
            List<String> services = Arrays.stream(f.getOrDefault("services", "").split(","))
                    .map(String::trim).filter(s -> !s.isEmpty()).toList();
            DestinationDraft draft = new DestinationDraft(f.getOrDefault("name", id), f.get("url"), format, events, min,
                    services, !"false".equalsIgnoreCase(f.getOrDefault("enabled", "true")), headers, f.get("routing-key"));
            out.add(new DeclaredDestination(id, draft, secret));
        });
        return List.copyOf(out);
    }

    private static <T> T parse(String key, String raw, Function<String, T> parser) {
        try {
            return parser.apply(raw.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException(key, raw, "unknown value");
        }
    }

    private static <T> Set<T> set(String key, String raw, Function<String, T> parser) {
        Set<T> out = new java.util.LinkedHashSet<>();
        for (String part : raw.split(",")) {
            if (!part.isBlank()) {
                out.add(parse(key, part, parser));
            }
        }
        return out;
    }

    @Override
    public String toString() {
        return "AlertSettings[" + externalBaseUrl + ", allowHttp " + allowHttp + ", " + new TreeSet<>(declared.stream()
                .map(DeclaredDestination::id).toList()) + "]";
    }
}
