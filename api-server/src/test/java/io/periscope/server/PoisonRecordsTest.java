package io.periscope.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.periscope.events.catalog.TemplateRule;
import io.periscope.events.catalog.TemplateRuleSet;
import io.periscope.events.http.Body;
import io.periscope.events.http.Connection;
import io.periscope.events.http.HttpExchange;
import io.periscope.events.http.Header;
import io.periscope.events.http.HttpRequest;
import io.periscope.events.http.QueryParam;
import io.periscope.events.http.MirrorSource;
import io.periscope.events.http.Timings;
import io.periscope.events.kafka.EventJson;
import io.periscope.events.kafka.JsonSerde;
import io.periscope.events.kafka.Topics;
import io.periscope.server.kafka.KafkaRuntime;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Poison records written straight to discovery's input topics with a raw producer: each is skipped and counted
 * by reason, later good records are still cataloged, the Streams client stays RUNNING and /health stays UP.
 */
class PoisonRecordsTest {
    static final int MAX_INPUT_BYTES = 512 * 1024;
    /** Just under the broker's default max.message.bytes (1048588), as a rule set of about 1,600 API rules was. */
    static final int NEAR_ONE_MIB = 1_048_450;

    @TempDir
    Path dir;

    @Test
    void poisonRecordsOnEveryInputTopicAndSharedStoreAreSkippedAndCountedAndDiscoveryKeepsRunning() throws Exception {
        Map<String, Object> p = TestApp.properties(dir);
        p.put("periscope.discovery.limits.max-record-bytes", MAX_INPUT_BYTES);
        p.put("periscope.discovery.flush-interval", "200ms");
        try (TestApp app = TestApp.start(p)) {
            app.createToken("reader", "viewer");
            Map<String, Object> props = new HashMap<>(app.context.getBean(KafkaRuntime.class).clientProperties());
            props.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 2 * 1024 * 1024);
            try (KafkaProducer<String, byte[]> raw = new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer())) {
                String poisoned = "poison|shop.example";
                // exchanges: not JSON, over the input limit, a newer schema
                send(raw, Topics.EXCHANGES, poisoned, "{\"schemaVersion\":1,\"id\":".getBytes(StandardCharsets.UTF_8));
                send(raw, Topics.EXCHANGES, poisoned, filler(MAX_INPUT_BYTES + 1));
                send(raw, Topics.EXCHANGES, poisoned, newerSchema(exchange("poison", "/newer")));
                // one that reads but makes cataloging throw: a header and a query parameter without a name
                HttpExchange nameless = exchange("poison", "/nameless");
                send(raw, Topics.EXCHANGES, poisoned, json(withNamelessParameters(nameless)));
                // template rules: not JSON, over the input limit, a newer schema, a key that is not the set's,
                // more rules than a service may have, and a set so large its service state overflows a changelog record
                send(raw, Topics.TEMPLATE_RULES, poisoned, new byte[] {(byte) 0xff, 0x00, 0x7b});
                send(raw, Topics.TEMPLATE_RULES, poisoned, filler(MAX_INPUT_BYTES + 1));
                send(raw, Topics.TEMPLATE_RULES, poisoned, newerSchema(ruleSet(poisoned, 1, 0)));
                send(raw, Topics.TEMPLATE_RULES, "poison|other.example", json(ruleSet(poisoned, 1, 0)));
                send(raw, Topics.TEMPLATE_RULES, poisoned, json(ruleSet(poisoned, 600, 0)));
                byte[] nearOneMib = nearOneMib(poisoned);
                assertThat(nearOneMib.length).isEqualTo(NEAR_ONE_MIB);
                send(raw, Topics.TEMPLATE_RULES, poisoned, nearOneMib);
                // the shared stores: a token and a session that are not JSON (the broker itself refuses keyless
                // records on these compacted topics, so NO_KEY cannot arrive here)
                send(raw, Topics.TOKENS, "poison-token", "not a token".getBytes(StandardCharsets.UTF_8));
                send(raw, Topics.SESSIONS, "poison-session", "[1,".getBytes(StandardCharsets.UTF_8));

                // a good exchange after all of them is cataloged
                HttpExchange good = exchange("after", "/after/poison");
                send(raw, Topics.EXCHANGES, good.serviceKey(), json(good));
            }
            awaitEndpoint(app, "/after/poison");

            MeterRegistry registry = app.context.getBean(MeterRegistry.class);
            assertThat(skipped(registry, Topics.EXCHANGES, "unreadable")).isEqualTo(1);
            assertThat(skipped(registry, Topics.EXCHANGES, "oversize")).isEqualTo(1);
            assertThat(skipped(registry, Topics.EXCHANGES, "unsupported_schema")).isEqualTo(1);
            assertThat(skipped(registry, Topics.EXCHANGES, "processing_error")).isEqualTo(1);
            assertThat(skipped(registry, Topics.TEMPLATE_RULES, "unreadable")).isEqualTo(1);
            assertThat(skipped(registry, Topics.TEMPLATE_RULES, "oversize")).isEqualTo(2);
            assertThat(skipped(registry, Topics.TEMPLATE_RULES, "unsupported_schema")).isEqualTo(1);
            assertThat(skipped(registry, Topics.TEMPLATE_RULES, "key_mismatch")).isEqualTo(1);
            assertThat(skipped(registry, Topics.TEMPLATE_RULES, "too_many_rules")).isEqualTo(1);
            await("store skips counted").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                    .until(() -> storeSkipped(registry, Topics.TOKENS, "unreadable") == 1
                            && storeSkipped(registry, Topics.SESSIONS, "unreadable") == 1);
            // a skipped exchange still reconciles as dropped
            assertThat(registry.find("periscope.discovery.exchanges").tags("outcome", "dropped", "reason", "oversize")
                    .counter().count()).isEqualTo(1);

            JsonNode health = app.health();
            assertThat(health.path("status").asText()).isEqualTo("UP");
            assertThat(health.path("roles").path("discovery").path("status").asText()).isEqualTo("UP");
            assertThat(health.path("roles").path("discovery").path("details").path("state").asText()).isEqualTo("RUNNING");
        }
    }

    @Test
    void aRuleSetWhoseServiceStateOverflowsTheChangelogIsSkippedWhenTheRuleLimitAllowsIt() throws Exception {
        Map<String, Object> p = TestApp.properties(dir);
        // limits as generous as an operator could set them: the production handler is what keeps discovery up
        p.put("periscope.discovery.limits.max-rules-per-service", 10_000);
        p.put("periscope.discovery.flush-interval", "200ms");
        try (TestApp app = TestApp.start(p)) {
            Map<String, Object> props = new HashMap<>(app.context.getBean(KafkaRuntime.class).clientProperties());
            props.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 2 * 1024 * 1024);
            try (KafkaProducer<String, byte[]> raw = new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer())) {
                String service = "poison|big.example";
                send(raw, Topics.TEMPLATE_RULES, service, nearOneMib(service));
                HttpExchange good = exchange("after", "/after/big");
                send(raw, Topics.EXCHANGES, good.serviceKey(), json(good));
            }
            awaitEndpoint(app, "/after/big");
            MeterRegistry registry = app.context.getBean(MeterRegistry.class);
            awaitCount(registry, "record_too_large");
            JsonNode health = app.health();
            assertThat(health.path("roles").path("discovery").path("details").path("state").asText()).isEqualTo("RUNNING");
        }
    }

    private static double skipped(MeterRegistry registry, String topic, String reason) {
        Counter c = registry.find("periscope.discovery.records.skipped").tags("topic", topic, "reason", reason).counter();
        return c == null ? 0 : c.count();
    }

    private static double storeSkipped(MeterRegistry registry, String topic, String reason) {
        Counter c = registry.find("periscope.store.skipped").tags("topic", topic, "reason", reason).counter();
        return c == null ? 0 : c.count();
    }

    private static void awaitCount(MeterRegistry registry, String reason) {
        await("a record skipped as " + reason).atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                .until(() -> registry.find("periscope.discovery.records.skipped").tags("reason", reason).counters()
                        .stream().mapToDouble(Counter::count).sum() >= 1);
    }

    private static void awaitEndpoint(TestApp app, String path) {
        await("endpoint " + path + " cataloged").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(100))
                .failFast("discovery stopped", () -> List.of("ERROR", "PENDING_ERROR")
                        .contains(app.health().path("roles").path("discovery").path("details").path("state").asText()))
                .until(() -> TestApp.json(app.send(app.asAdmin("/api/v1/endpoints?q=" + path))).path("total").asInt() > 0);
    }

    private static void send(KafkaProducer<String, byte[]> raw, String topic, String key, byte[] value) throws Exception {
        raw.send(new ProducerRecord<>(topic, key, value)).get();
    }

    private static byte[] filler(int size) {
        byte[] b = new byte[size];
        Arrays.fill(b, (byte) 'a');
        return b;
    }

    private static byte[] json(Object value) {
        return JsonSerde.of(Object.class).serialize("test", value);
    }

    private static byte[] newerSchema(Object value) throws Exception {
        ObjectNode node = (ObjectNode) EventJson.mapper().valueToTree(value);
        node.put("schemaVersion", 99);
        return EventJson.mapper().writeValueAsBytes(node);
    }

    static HttpExchange exchange(String id, String path) {
        return new HttpExchange(HttpExchange.SCHEMA_VERSION, id + "-" + UUID.randomUUID(), new MirrorSource("good", -1, "test"),
                new Connection("c", "10.0.0.1", 1234, "10.0.0.2", 80), "10.0.0.1", null, "api.test",
                new HttpRequest("GET", path, path, List.of(), "HTTP/1.1", List.of(), List.of(), Body.EMPTY), null,
                new Timings(1, 2, Timings.UNKNOWN, Timings.UNKNOWN), null, null);
    }

    private static HttpExchange withNamelessParameters(HttpExchange ex) {
        HttpRequest r = ex.request();
        HttpRequest nameless = new HttpRequest(r.method(), r.target() + "?=x", r.path(), List.of(new QueryParam(null, "x")),
                r.httpVersion(), List.of(new Header(null, "v")), r.trailers(), r.body());
        return new HttpExchange(ex.schemaVersion(), ex.id(), ex.source(), ex.connection(), ex.clientIp(), ex.clientIpSource(),
                ex.serverHost(), nameless, ex.response(), ex.timings(), ex.flags(), ex.credentials());
    }

    private static TemplateRuleSet ruleSet(String service, int rules, int padding) {
        List<TemplateRule> list = new ArrayList<>();
        for (int i = 0; i < rules; i++) {
            String by = i == rules - 1 ? "p".repeat(padding) : "";
            list.add(new TemplateRule(String.format("%08d-0000-0000-0000-000000000000", i), TemplateRule.Action.MERGE, "GET",
                    String.format("/r/%06d/{id}", i), by, 1));
        }
        return new TemplateRuleSet(TemplateRuleSet.SCHEMA_VERSION, service, list);
    }

    /** A rule set of exactly {@link #NEAR_ONE_MIB} bytes: rules of equal size, the last one padded. */
    static byte[] nearOneMib(String service) {
        int one = json(ruleSet(service, 1, 0)).length;
        int perRule = json(ruleSet(service, 2, 0)).length - one;
        int rules = (NEAR_ONE_MIB - one) / perRule + 1;
        int padding = NEAR_ONE_MIB - json(ruleSet(service, rules, 0)).length;
        return json(ruleSet(service, rules, padding));
    }
}
