package io.periscope.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.periscope.discovery.view.CatalogReadModel;
import io.periscope.discovery.view.ProbedPathQuery;
import io.periscope.events.catalog.CatalogChange;
import io.periscope.events.catalog.ChangeType;
import io.periscope.events.catalog.EndpointSnapshot;
import io.periscope.events.catalog.FindingType;
import io.periscope.events.catalog.ParameterInfo;
import io.periscope.events.catalog.ParameterLocation;
import io.periscope.events.catalog.PostureFinding;
import io.periscope.events.catalog.ProbedPath;
import io.periscope.events.catalog.SensitiveDataInfo;
import io.periscope.events.catalog.TrafficStats;
import io.periscope.events.kafka.JsonSerde;
import io.periscope.events.kafka.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Builds catalog records shaped like discovery's (masked examples, body field paths, traffic stats) and
 * publishes them to the app's real broker, then waits for the read model to have them.
 */
final class CatalogFixture implements AutoCloseable {
    static final long NOW_MICROS = System.currentTimeMillis() * 1000;
    static final long DAY_MICROS = 86_400_000_000L;

    private final TestApp app;
    private final KafkaProducer<String, byte[]> producer;
    private final JsonSerde<EndpointSnapshot> snapshots = JsonSerde.of(EndpointSnapshot.class);
    private final JsonSerde<PostureFinding> findings = JsonSerde.of(PostureFinding.class);
    private final JsonSerde<CatalogChange> changes = JsonSerde.of(CatalogChange.class);
    private final JsonSerde<ProbedPath> probedPaths = JsonSerde.of(ProbedPath.class);

    CatalogFixture(TestApp app) {
        this.app = app;
        Properties p = new Properties();
        p.putAll(app.kafkaClientProperties());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        this.producer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
    }

    static String id(String service, String method, String template) {
        try {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256")
                    .digest((service + ' ' + method + ' ' + template).getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A snapshot with realistic parameters; sensitive types add a masked response field each. */
    static EndpointSnapshot endpoint(String session, String host, String method, String template, long calls, long unauthenticated,
                                     long firstSeenMicros, List<String> sensitiveTypes, List<FindingType> findingTypes) {
        String service = session + "|" + host;
        String id = id(service, method, template);
        List<ParameterInfo> params = new ArrayList<>();
        if (template.contains("{id}")) {
            params.add(param(ParameterLocation.PATH, "id", 0, "integer", null, calls, 1.0, List.of("1042", "77"), List.of()));
        }
        params.add(param(ParameterLocation.QUERY, "page", 0, "integer", null, calls / 2, 0.5, List.of("2"), List.of()));
        params.add(param(ParameterLocation.REQUEST_HEADER, "x-request-id", 0, "string", "uuid", calls, 1.0,
                List.of("5f0c…"), List.of()));
        if (!method.equals("GET")) {
            params.add(param(ParameterLocation.REQUEST_BODY, "$.name", 0, "string", null, calls, 1.0, List.of("Ada"), List.of()));
        }
        params.add(param(ParameterLocation.RESPONSE_BODY, "$.id", 200, "integer", null, calls, 1.0, List.of("1042"), List.of()));
        params.add(param(ParameterLocation.RESPONSE_BODY, "$.items[*].sku", 200, "string", null, calls, 0.8, List.of("AB-1"), List.of()));
        List<SensitiveDataInfo> sensitive = new ArrayList<>();
        for (String type : sensitiveTypes) {
            String masked = switch (type) {
                case "email" -> "a***@e***.com";
                case "payment_card" -> "4***********1111";
                default -> "***";
            };
            params.add(param(ParameterLocation.RESPONSE_BODY, "$.owner." + type, 200, "string", null, calls, 1.0, List.of(masked),
                    List.of(type)));
            sensitive.add(new SensitiveDataInfo(type, ParameterLocation.RESPONSE_BODY, "$.owner." + type, calls, 0.95, masked));
        }
        List<PostureFinding> open = findingTypes.stream()
                .map(t -> finding(service, id, method, template, t, firstSeenMicros)).toList();
        TrafficStats traffic = new TrafficStats(calls, Map.of("200", calls - calls / 10, "404", calls / 10),
                Map.of("2xx", calls - calls / 10, "4xx", calls / 10), 1_800, 9_500, 41_000, 120_000, "",
                method.equals("GET") ? TrafficStats.SizeStats.EMPTY : new TrafficStats.SizeStats(calls, calls * 120, 300),
                new TrafficStats.SizeStats(calls, calls * 2_048, 16_384), Math.min(calls, 40), "",
                Map.of(), Map.of("application/json", calls), unauthenticated == calls ? Map.of() : Map.of("Bearer", calls - unauthenticated),
                unauthenticated);
        return new EndpointSnapshot(EndpointSnapshot.SCHEMA_VERSION, id, service, session, host, method, template,
                firstSeenMicros, Math.max(firstSeenMicros, NOW_MICROS - 60_000_000L), false, traffic, params, sensitive, open,
                Map.of("200:ab12", calls), Map.of("request", calls), List.of());
    }

    static ParameterInfo param(ParameterLocation location, String name, int status, String type, String format, long seen,
                               double presence, List<String> examples, List<String> sensitiveTypes) {
        return new ParameterInfo(location, name, status, type, format, Map.of(type, seen), seen, presence, List.of(), examples,
                sensitiveTypes);
    }

    static PostureFinding finding(String service, String endpointId, String method, String template, FindingType type, long at) {
        return new PostureFinding(PostureFinding.SCHEMA_VERSION, endpointId + "-" + type.name(), type, type.severity(), service,
                endpointId, method, template, "RESPONSE_BODY $.owner.email email", "a***@e***.com", type.remediation(), 3, at, at);
    }

    static CatalogChange change(EndpointSnapshot s, ChangeType type, String subject, long at) {
        return new CatalogChange(CatalogChange.SCHEMA_VERSION, s.endpointId() + "-" + type + "-" + at, type, s.serviceKey(),
                s.endpointId(), s.method(), s.pathTemplate(), subject, null, subject, at);
    }

    void publish(List<EndpointSnapshot> endpoints, List<CatalogChange> changeList) throws Exception {
        for (EndpointSnapshot s : endpoints) {
            producer.send(new ProducerRecord<>(Topics.CATALOG, s.endpointId(), snapshots.serialize(Topics.CATALOG, s)));
            for (PostureFinding f : s.findings()) {
                producer.send(new ProducerRecord<>(Topics.FINDINGS, f.id(), findings.serialize(Topics.FINDINGS, f)));
            }
        }
        for (CatalogChange c : changeList) {
            producer.send(new ProducerRecord<>(Topics.CHANGES, c.serviceKey(), changes.serialize(Topics.CHANGES, c)));
        }
        producer.flush();
    }

    /** A probed path as discovery publishes it: only 404s, from the given clients (most calls first). */
    static ProbedPath probedPath(String service, String method, String path, long at, ProbedPath.ClientCount... clients) {
        long calls = java.util.Arrays.stream(clients).mapToLong(ProbedPath.ClientCount::calls).sum();
        int bar = service.indexOf('|');
        return new ProbedPath(ProbedPath.SCHEMA_VERSION, id(service, method, "probe " + path), service, service.substring(0, bar),
                service.substring(bar + 1), method, path, calls, Map.of("404", calls), clients.length, "AAAA", List.of(clients), at, at);
    }

    /** A finding of a service itself, which no endpoint owns. */
    static PostureFinding serviceFinding(String service, FindingType type, String subject, long at) {
        return new PostureFinding(PostureFinding.SCHEMA_VERSION, "svc-" + type.name() + "-" + subject, type, type.severity(), service,
                "", "", "", subject, "at least 20 answers [404, 405] on paths outside the catalog", type.remediation(), 25, at, at);
    }

    /** Publishes probed paths and service findings, and waits until the read model holds them all. */
    void publishProbes(List<ProbedPath> paths, List<PostureFinding> serviceFindings) throws Exception {
        for (ProbedPath p : paths) {
            producer.send(new ProducerRecord<>(Topics.PROBED_PATHS, p.id(), probedPaths.serialize(Topics.PROBED_PATHS, p)));
        }
        for (PostureFinding f : serviceFindings) {
            producer.send(new ProducerRecord<>(Topics.FINDINGS, f.id(), findings.serialize(Topics.FINDINGS, f)));
        }
        producer.flush();
        CatalogReadModel view = app.context.getBean(CatalogReadModel.class);
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50)).untilAsserted(() -> {
            for (ProbedPath p : paths) {
                assertThat(view.index().probedPaths(new ProbedPathQuery(p.serviceKey(), null, true, 0, 500)).items())
                        .extracting(ProbedPath::id).contains(p.id());
            }
            for (PostureFinding f : serviceFindings) {
                assertThat(view.index().openFindings(f.serviceKey())).extracting(PostureFinding::id).contains(f.id());
            }
        });
    }

    /** Waits until the read model holds {@code endpoints} endpoints and {@code changeCount} changes. */
    void awaitView(int endpoints, int changeCount) {
        CatalogReadModel view = app.context.getBean(CatalogReadModel.class);
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50)).untilAsserted(() -> {
            assertThat(view.index().endpointCount()).as("endpoints in the read model").isEqualTo(endpoints);
            assertThat(view.index().changes(null, 0, 1).total()).as("changes in the read model").isEqualTo(changeCount);
        });
    }

    @Override
    public void close() {
        producer.close();
    }
}
