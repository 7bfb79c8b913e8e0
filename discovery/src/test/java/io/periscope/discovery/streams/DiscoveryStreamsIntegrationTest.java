package io.periscope.discovery.streams;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.periscope.discovery.catalog.DiscoveryConfig;
import io.periscope.discovery.catalog.DiscoveryMetrics;
import io.periscope.discovery.openapi.OpenApiExporter;
import io.periscope.discovery.openapi.SpecDiff;
import io.periscope.discovery.openapi.SpecDiffer;
import io.periscope.discovery.openapi.SpecImporter;
import io.periscope.discovery.testing.RecordingProxy;
import io.periscope.discovery.testing.ShopApi;
import io.periscope.discovery.testing.TestConfigs;
import io.periscope.discovery.testing.WireExchanges;
import io.periscope.discovery.view.CatalogReadModel;
import io.periscope.discovery.view.EndpointQuery;
import io.periscope.discovery.view.EndpointSummary;
import io.periscope.discovery.view.ProbedPathQuery;
import io.periscope.discovery.view.RuleLimits;
import io.periscope.discovery.view.TemplateRuleWriter;
import io.periscope.events.catalog.ChangeType;
import io.periscope.events.catalog.EndpointSnapshot;
import io.periscope.events.catalog.FindingType;
import io.periscope.events.catalog.ParameterInfo;
import io.periscope.events.catalog.ProbedPath;
import io.periscope.events.catalog.ParameterLocation;
import io.periscope.events.catalog.TemplateRule;
import io.periscope.events.http.HttpExchange;
import io.periscope.broker.EmbeddedKafkaBroker;
import io.periscope.events.kafka.JsonSerde;
import io.periscope.events.kafka.TopicProvisioner;
import io.periscope.events.kafka.TopicSpec;
import io.periscope.events.kafka.Topics;
import io.swagger.v3.parser.OpenAPIV3Parser;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Supplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Discovery end to end through a real Kafka broker: a real REST API over the JDK HTTP server, driven by the
 * JDK HTTP client through a recording TCP relay; the recorded bytes become HttpExchange records on
 * periscope.exchanges; the Kafka Streams topology builds the catalog; CatalogReadModel reads it back. Then the
 * streams app is restarted with an empty local state directory and must recover the catalog from its
 * changelog, keep endpoint ids and keep counting.
 */
class DiscoveryStreamsIntegrationTest {
    @TempDir
    static Path tmp;
    static EmbeddedKafkaBroker broker;
    static KafkaProducer<String, HttpExchange> producer;
    /** One API and one relay for the whole test: the Host header, hence the service, stays the same. */
    static ShopApi api;
    static RecordingProxy proxy;
    static final String SESSION = "prod-vpc";
    static final String BEARER = "Bearer " + b64("{\"alg\":\"RS256\",\"typ\":\"JWT\"}") + "." + b64("{\"sub\":\"u1\",\"exp\":1900000000}") + ".c2ln";
    static final String BEARER_NO_EXP = "Bearer " + b64("{\"alg\":\"HS256\"}") + "." + b64("{\"sub\":\"svc\"}") + ".c2ln";

    static String b64(String s) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    @BeforeAll
    static void startBroker() throws Exception {
        broker = EmbeddedKafkaBroker.start(tmp.resolve("kafka"), "127.0.0.1", 0);
        try (Admin admin = Admin.create(broker.clientProperties())) {
            // two partitions keep the test quick; exchanges and template rules must match
            List<TopicSpec> specs = Topics.defaults().stream().map(s -> s.withPartitions(2)).toList();
            new TopicProvisioner(admin, Duration.ofSeconds(30)).ensure(specs);
        }
        Properties p = new Properties();
        p.putAll(broker.clientProperties());
        producer = new KafkaProducer<>(p, new StringSerializer(), JsonSerde.of(HttpExchange.class));
        api = new ShopApi();
        proxy = new RecordingProxy(api.address());
    }

    @AfterAll
    static void stopBroker() throws Exception {
        if (proxy != null) {
            proxy.close();
        }
        if (api != null) {
            api.close();
        }
        if (producer != null) {
            producer.close();
        }
        if (broker != null) {
            broker.close();
        }
    }

    private static DiscoveryStreams streams(Path stateDir, SimpleMeterRegistry registry) {
        DiscoveryConfig config = TestConfigs.flushingEvery(Duration.ofMillis(200));
        Properties props = DiscoveryStreams.properties(broker.clientProperties(), "discovery-it", stateDir, 1, Duration.ofMillis(500));
        return new DiscoveryStreams(props, config, InputLimits.defaults(), new DiscoveryMetrics(registry));
    }

    /** Drives the API with the JDK client through the relay and publishes what the relay recorded. */
    private static int drive(List<HttpRequest.Builder> requests, long baseMicros) throws Exception {
        // a new client per drive opens new connections, so each drive's captures start clean
        proxy.reset();
        {
            HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            for (HttpRequest.Builder rb : requests) {
                HttpRequest r = rb.build();
                URI u = r.uri();
                URI viaProxyUri = URI.create("http://127.0.0.1:" + proxy.port() + u.getRawPath()
                        + (u.getRawQuery() == null ? "" : "?" + u.getRawQuery()));
                HttpRequest viaProxy = HttpRequest.newBuilder(r, (n, v) -> true).uri(viaProxyUri).build();
                HttpResponse<String> resp = client.send(viaProxy, HttpResponse.BodyHandlers.ofString());
                assertThat(resp.statusCode()).isLessThan(500);
            }
            int published = 0;
            long base = baseMicros;
            for (RecordingProxy.Capture c : proxy.captures()) {
                for (HttpExchange ex : WireExchanges.parse(c, SESSION, base)) {
                    producer.send(new ProducerRecord<>(Topics.EXCHANGES, ex.serviceKey(), ex)).get();
                    published++;
                }
                base += 1_000_000;
            }
            return published;
        }
    }

    private static HttpRequest.Builder get(String pathAndQuery) {
        return HttpRequest.newBuilder(URI.create("http://placeholder" + pathAndQuery)).GET();
    }

    private static List<HttpRequest.Builder> traffic(int users) {
        List<HttpRequest.Builder> rs = new java.util.ArrayList<>();
        for (int i = 1; i <= users; i++) {
            rs.add(get("/api/v1/users/" + i).header("Authorization", BEARER));
            rs.add(get("/api/v1/users/" + i + "/orders?status=" + (i % 2 == 0 ? "open" : "shipped")).header("Authorization", BEARER));
            rs.add(get("/api/v1/public/profiles/" + (500 + i)));
            rs.add(get("/api/v1/products/" + UUID.nameUUIDFromBytes(("p" + i).getBytes(StandardCharsets.UTF_8))));
        }
        rs.add(HttpRequest.newBuilder(URI.create("http://placeholder/api/v1/orders")).header("Authorization", BEARER_NO_EXP)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"productId\":7,\"quantity\":2,\"card\":{\"number\":\"4111 1111 1111 1111\",\"expiry\":\"12/29\"}}")));
        rs.add(HttpRequest.newBuilder(URI.create("http://placeholder/api/v1/login")).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("username=pat&password=correct-horse-battery")));
        rs.add(get("/api/v1/search?q=lamp&api_key=k-123456"));
        rs.add(get("/api/v1/org/onboardingStatus").header("Authorization", BEARER));
        // a JWT without exp raises a finding on blue-hat, which the merge rule below must resolve
        rs.add(get("/api/v1/shop/blue-hat").header("Authorization", BEARER_NO_EXP));
        rs.add(get("/api/v1/shop/red-shoe").header("Authorization", BEARER));
        // a scanner's probe: the API answers 404, so it is a probed path and never an endpoint
        rs.add(get("/.env"));
        return rs;
    }

    private static <T> T await(Supplier<Optional<T>> probe, String what) {
        return Awaitility.await(what).atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                .until(probe::get, Optional::isPresent).orElseThrow();
    }

    private static EndpointSnapshot endpoint(CatalogReadModel view, String method, String template, long minCalls) {
        return await(() -> view.index().endpoints(EndpointQuery.all()).items().stream()
                .filter(e -> e.method().equals(method) && e.pathTemplate().equals(template) && e.calls() >= minCalls)
                .findFirst().flatMap(e -> view.index().endpoint(e.endpointId())), method + " " + template + " with " + minCalls + " calls");
    }

    private static ProbedPath probed(CatalogReadModel view, String serviceKey, String template, long minCalls) {
        return await(() -> view.index().probedPaths(new ProbedPathQuery(serviceKey, null, true, 0, 50)).items().stream()
                .filter(p -> p.pathTemplate().equals(template) && p.calls() >= minCalls).findFirst(),
                "probed path " + template + " with " + minCalls + " calls");
    }

    private static ParameterInfo param(EndpointSnapshot s, ParameterLocation loc, String name) {
        return s.parameters().stream().filter(p -> p.location() == loc && p.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + loc + " " + name + " on " + s.pathTemplate()));
    }

    /** True once the latest record for {@code key} on {@code topic}, read from the beginning to the end, is a tombstone. */
    private static boolean tombstoned(String topic, String key) {
        try {
            Awaitility.await(key + " tombstoned on " + topic).atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                    .until(() -> latestIsTombstone(topic, key));
            return true;
        } catch (ConditionTimeoutException e) {
            return false;
        }
    }

    private static boolean latestIsTombstone(String topic, String key) {
        Properties c = new Properties();
        c.putAll(broker.clientProperties());
        {
            try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(c, new StringDeserializer(), new ByteArrayDeserializer())) {
                List<TopicPartition> parts = consumer.partitionsFor(topic).stream().map(pi -> new TopicPartition(topic, pi.partition())).toList();
                consumer.assign(parts);
                consumer.seekToBeginning(parts);
                Map<TopicPartition, Long> end = consumer.endOffsets(parts);
                boolean seen = false;
                boolean latestIsTombstone = false;
                while (parts.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
                    for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                        if (key.equals(r.key())) {
                            seen = true;
                            latestIsTombstone = r.value() == null;
                        }
                    }
                }
                return seen && latestIsTombstone;
            }
        }
    }

    @Test
    void buildsTheCatalogFromRealTrafficAndRecoversItAfterARestart() throws Exception {
        // a record that is not an exchange must be counted and skipped, not stop the task
        Properties raw = new Properties();
        raw.putAll(broker.clientProperties());
        try (KafkaProducer<String, byte[]> garbage = new KafkaProducer<>(raw, new StringSerializer(), new ByteArraySerializer())) {
            // same key as the service, so it sits before the service's exchanges on their partition
            String key = HttpExchange.serviceKey(SESSION, "127.0.0.1:" + proxy.port());
            garbage.send(new ProducerRecord<>(Topics.EXCHANGES, key, "{not json".getBytes(StandardCharsets.UTF_8))).get();
        }
        int published = drive(traffic(6), 1_700_000_000_000_000L);
        assertThat(published).isEqualTo(6 * 4 + 7);

        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        DiscoveryStreams app = streams(tmp.resolve("state-1"), registry);
        app.start();
        try (CatalogReadModel view = new CatalogReadModel(broker.clientProperties(), new DiscoveryMetrics(new SimpleMeterRegistry()), 1000);
             TemplateRuleWriter rules = new TemplateRuleWriter(broker.clientProperties(), view, RuleLimits.defaults(), InstantSource.system())) {
            view.start();
            EndpointSnapshot users = endpoint(view, "GET", "/api/v1/users/{userId}", 6);
            assertThat(registry.get("periscope.discovery.exchanges").tag("reason", "unreadable").counter().count()).isEqualTo(1);
            String serviceKey = users.serviceKey();
            assertThat(serviceKey).startsWith(SESSION + "|127.0.0.1:");
            assertThat(users.traffic().authSchemes()).containsEntry("Bearer", 6L);
            assertThat(users.traffic().unauthenticatedCalls()).isZero();
            assertThat(param(users, ParameterLocation.PATH, "userId").type()).isEqualTo("integer");
            assertThat(param(users, ParameterLocation.RESPONSE_BODY, "$.tier").enumValues()).isEmpty(); // 6 samples < 10
            assertThat(users.sensitiveData()).extracting(d -> d.type()).containsExactlyInAnyOrder("email", "phone", "date_of_birth");
            assertThat(users.findings()).isEmpty();

            EndpointSnapshot orders = endpoint(view, "GET", "/api/v1/users/{userId}/orders", 6);
            assertThat(param(orders, ParameterLocation.QUERY, "status").presenceRatio()).isEqualTo(1.0);
            assertThat(param(orders, ParameterLocation.RESPONSE_BODY, "$[*].orderId").format()).isEqualTo("uuid");

            EndpointSnapshot profiles = endpoint(view, "GET", "/api/v1/public/profiles/{profileId}", 6);
            assertThat(profiles.traffic().unauthenticatedShare()).isEqualTo(1.0);
            assertThat(profiles.findings()).extracting(f -> f.type()).containsExactly(FindingType.SENSITIVE_DATA_WITHOUT_AUTH);

            EndpointSnapshot products = endpoint(view, "GET", "/api/v1/products/{productId}", 6);
            assertThat(param(products, ParameterLocation.PATH, "productId").format()).isEqualTo("uuid");

            EndpointSnapshot newOrder = endpoint(view, "POST", "/api/v1/orders", 1);
            assertThat(newOrder.sensitiveData()).extracting(d -> d.type() + " " + d.name() + " " + d.maskedExample())
                    .containsExactlyInAnyOrder("payment_card $.card.number 4111 **** **** 1111", "card_expiry $.card.expiry **/**");
            assertThat(newOrder.findings()).extracting(f -> f.type()).containsExactly(FindingType.JWT_WITHOUT_EXPIRY);
            assertThat(param(newOrder, ParameterLocation.RESPONSE_BODY, "$.createdAt").status()).isEqualTo(201);

            EndpointSnapshot login = endpoint(view, "POST", "/api/v1/login", 1);
            assertThat(login.sensitiveData()).extracting(d -> d.type()).containsExactly("password");
            assertThat(param(login, ParameterLocation.REQUEST_BODY, "username").type()).isEqualTo("string");

            EndpointSnapshot search = endpoint(view, "GET", "/api/v1/search", 1);
            assertThat(search.findings()).extracting(f -> f.type()).containsExactly(FindingType.CREDENTIAL_IN_URL);
            assertThat(search.traffic().authSchemes()).containsEntry("ApiKey", 1L);

            endpoint(view, "GET", "/api/v1/org/onboardingStatus", 1);
            EndpointSnapshot blueHat = endpoint(view, "GET", "/api/v1/shop/blue-hat", 1);
            String blueHatFinding = blueHat.findings().stream().filter(f -> f.type() == FindingType.JWT_WITHOUT_EXPIRY)
                    .findFirst().orElseThrow().id();
            // the last exchange may land in a later flush than those awaited above: wait for it before counting
            endpoint(view, "GET", "/api/v1/shop/red-shoe", 1);

            // queries the REST API will make
            ProbedPath env = probed(view, serviceKey, "/.env", 1);
            assertThat(env.topClients()).singleElement().satisfies(c -> assertThat(c.calls()).isEqualTo(1));
            assertThat(env.clientSketch()).as("the view keeps the estimate, not the sketch").isNull();
            assertThat(view.index().services()).singleElement().satisfies(s -> {
                assertThat(s.endpoints()).isEqualTo(10);
                assertThat(s.probedPaths()).isEqualTo(1);
            });
            assertThat(view.index().endpoints(new EndpointQuery(serviceKey, null, null, "email", null, null, null,
                    EndpointQuery.Sort.PATH, false, 0, 50)).items()).extracting(EndpointSummary::pathTemplate)
                    .containsExactly("/api/v1/public/profiles/{profileId}", "/api/v1/users/{userId}");
            assertThat(view.index().endpoints(new EndpointQuery(null, null, null, null, true, null, null,
                    EndpointQuery.Sort.CALLS, true, 0, 2)).items()).hasSize(2)
                    .allSatisfy(e -> assertThat(e.unauthenticatedShare()).isPositive());
            // findings come from their own topic, which the view may read after the catalog: wait for it
            await(() -> view.index().openFindings(null).stream().anyMatch(f -> f.type() == FindingType.CREDENTIAL_IN_URL)
                    ? Optional.of(true) : Optional.empty(), "CREDENTIAL_IN_URL finding");
            await(() -> view.index().changes(serviceKey, 0, 100).items().stream().anyMatch(c -> c.type() == ChangeType.NEW_SERVICE)
                    ? Optional.of(true) : Optional.empty(), "NEW_SERVICE change");
            OpenApiExporter exporter = new OpenApiExporter();
            List<EndpointSnapshot> observed = view.index().ofService(serviceKey);
            String openApi = exporter.toJson(exporter.export(serviceKey, observed.get(0).host(), observed));
            assertThat(new OpenAPIV3Parser().readContents(openApi, null, null).getMessages()).isEmpty();
            SpecDiff diff = new SpecDiffer().diff(new SpecImporter(1 << 20).parse("""
                    openapi: 3.0.3
                    info: {title: shop, version: '1'}
                    paths:
                      /api/v1/users/{id}:
                        get:
                          parameters: [{name: id, in: path, required: true, schema: {type: integer}}]
                          responses: {'200': {description: ok}}
                      /api/v1/coupons:
                        get:
                          responses: {'200': {description: ok}}
                    """), view.index().ofService(serviceKey));
            assertThat(diff.neverSeen()).extracting(SpecDiff.Operation::documentedPath).containsExactly("/api/v1/coupons");
            assertThat(diff.shadow()).hasSize(9);

            // a user merge rule travels through Kafka to the task that owns the service
            rules.addRule(serviceKey, TemplateRule.Action.MERGE, "GET", "/api/v1/shop/{slug}", "it", java.util.OptionalLong.empty());
            EndpointSnapshot shop = endpoint(view, "GET", "/api/v1/shop/{slug}", 2);
            assertThat(shop.mergedFrom()).hasSize(2);
            await(() -> view.index().endpoints(EndpointQuery.all()).items().stream().noneMatch(e -> e.pathTemplate().equals("/api/v1/shop/blue-hat"))
                    ? Optional.of(true) : Optional.empty(), "tombstone of the merged endpoint");
            assertThat(tombstoned(Topics.FINDINGS, blueHatFinding)).as("finding of the merged endpoint resolved on the topic").isTrue();
            assertThat(view.index().openFindings(null)).extracting(f -> f.endpointId()).doesNotContain(blueHat.endpointId());
            await(() -> view.index().findings(shop.endpointId()).stream().anyMatch(f -> f.type() == FindingType.JWT_WITHOUT_EXPIRY)
                    ? Optional.of(true) : Optional.empty(), "the survivor's finding");

            // restart with an empty local state directory: the catalog comes back from the changelog
            app.close();
            app = streams(tmp.resolve("state-2"), new SimpleMeterRegistry());
            app.start();
            int more = drive(List.of(get("/api/v1/users/77").header("Authorization", BEARER), get("/api/v1/shop/green-cap")
                    .header("Authorization", BEARER), get("/api/v1/public/profiles/900"), get("/.env")), 1_700_000_500_000_000L);
            assertThat(more).isEqualTo(4);
            assertThat(probed(view, serviceKey, "/.env", 2).id()).as("the probed path came back from the changelog").isEqualTo(env.id());
            EndpointSnapshot usersAfter = endpoint(view, "GET", "/api/v1/users/{userId}", 7);
            assertThat(usersAfter.endpointId()).isEqualTo(users.endpointId());
            assertThat(usersAfter.traffic().calls()).isEqualTo(7);
            assertThat(usersAfter.firstSeenMicros()).isEqualTo(users.firstSeenMicros());
            assertThat(endpoint(view, "GET", "/api/v1/shop/{slug}", 3).traffic().calls()).as("rule survived the restart").isEqualTo(3);
            assertThat(endpoint(view, "GET", "/api/v1/public/profiles/{profileId}", 7).findings())
                    .singleElement().satisfies(f -> assertThat(f.count()).isEqualTo(7));
            assertThat(view.index().changes(serviceKey, 0, 500).items())
                    .filteredOn(c -> c.type() == ChangeType.NEW_ENDPOINT).extracting(c -> c.pathTemplate())
                    .doesNotHaveDuplicates();
            assertThat(tombstoned(Topics.FINDINGS, blueHatFinding)).as("the restored task does not republish a resolved finding").isTrue();
        } finally {
            app.close();
        }
    }
}
