package io.periscope.discovery.view;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.periscope.discovery.catalog.DiscoveryMetrics;
import io.periscope.events.catalog.CatalogChange;
import io.periscope.events.catalog.ChangeType;
import io.periscope.events.catalog.EndpointSnapshot;
import io.periscope.events.catalog.FindingType;
import io.periscope.events.catalog.PostureFinding;
import io.periscope.events.catalog.TemplateRule;
import io.periscope.events.catalog.TemplateRuleSet;
import io.periscope.broker.EmbeddedKafkaBroker;
import io.periscope.events.kafka.JsonSerde;
import io.periscope.events.kafka.TopicProvisioner;
import io.periscope.events.kafka.TopicSpec;
import io.periscope.events.kafka.Topics;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Records of a newer {@code schemaVersion} than this code understands, on the real topics: the view skips and
 * counts them, and goes on reading the records behind them on the same partition.
 */
class CatalogReadModelSchemaVersionIntegrationTest {
    private static final String SERVICE = "prod|svc0.example.test";

    @TempDir
    Path tmp;

    /** The record's JSON as a producer that knows a newer version would write it. */
    private static <T> byte[] newer(Class<T> type, T record) {
        String json = new String(JsonSerde.of(type).serialize("t", record), StandardCharsets.UTF_8);
        String bumped = json.replaceFirst("^\\{\"schemaVersion\":1,", "{\"schemaVersion\":2,");
        assertThat(bumped).as("schemaVersion is the first field").isNotEqualTo(json);
        return bumped.getBytes(StandardCharsets.UTF_8);
    }

    private static <T> byte[] current(Class<T> type, T record) {
        return JsonSerde.of(type).serialize("t", record);
    }

    private static PostureFinding finding(String id) {
        return new PostureFinding(PostureFinding.SCHEMA_VERSION, id, FindingType.CREDENTIAL_IN_URL, "high", SERVICE, "e-0-1", "GET",
                "/api/resource1/{id}", "QUERY api_key", "api_key=[redacted ApiKey]", "fix", 1, 1, 1);
    }

    private static CatalogChange change(String id) {
        return new CatalogChange(CatalogChange.SCHEMA_VERSION, id, ChangeType.NEW_ENDPOINT, SERVICE, "e-0-1", "GET", "/x", "s", null, "a", 1);
    }

    private static TemplateRuleSet rules(String serviceKey) {
        return new TemplateRuleSet(TemplateRuleSet.SCHEMA_VERSION, serviceKey,
                List.of(new TemplateRule("r1", TemplateRule.Action.MERGE, "GET", "/shop/{slug}", "it", 0)));
    }

    @Test
    void recordsOfANewerSchemaAreSkippedAndCountedWhileLaterRecordsAreStillRead() throws Exception {
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(tmp.resolve("kafka"), "127.0.0.1", 0)) {
            try (Admin admin = Admin.create(broker.clientProperties())) {
                // one partition per topic: each newer record sits right before a current one
                List<TopicSpec> specs = Topics.defaults().stream().map(s -> s.withPartitions(1)).toList();
                new TopicProvisioner(admin, Duration.ofSeconds(30)).ensure(specs);
            }
            Properties p = new Properties();
            p.putAll(broker.clientProperties());
            try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer())) {
                List<ProducerRecord<String, byte[]>> records = List.of(
                        new ProducerRecord<>(Topics.CATALOG, "e-0-2", newer(EndpointSnapshot.class, CatalogIndexTest.endpoint(0, 2))),
                        new ProducerRecord<>(Topics.CATALOG, "e-0-1", current(EndpointSnapshot.class, CatalogIndexTest.endpoint(0, 1))),
                        new ProducerRecord<>(Topics.FINDINGS, "f-newer", newer(PostureFinding.class, finding("f-newer"))),
                        new ProducerRecord<>(Topics.FINDINGS, "f-current", current(PostureFinding.class, finding("f-current"))),
                        new ProducerRecord<>(Topics.CHANGES, SERVICE, newer(CatalogChange.class, change("c-newer"))),
                        new ProducerRecord<>(Topics.CHANGES, SERVICE, current(CatalogChange.class, change("c-current"))),
                        new ProducerRecord<>(Topics.TEMPLATE_RULES, "prod|a", newer(TemplateRuleSet.class, rules("prod|a"))),
                        new ProducerRecord<>(Topics.TEMPLATE_RULES, "prod|b", current(TemplateRuleSet.class, rules("prod|b"))));
                for (ProducerRecord<String, byte[]> r : records) {
                    producer.send(r).get();
                }
            }

            SimpleMeterRegistry registry = new SimpleMeterRegistry();
            try (CatalogReadModel view = new CatalogReadModel(broker.clientProperties(), new DiscoveryMetrics(registry), 100)) {
                view.start();
                assertThat(view.awaitCaughtUp(Duration.ofSeconds(30))).isTrue();
                CatalogIndex index = view.index();

                assertThat(index.endpoint("e-0-2")).isEmpty();
                assertThat(index.endpoint("e-0-1")).isPresent();
                assertThat(index.openFindings(null)).extracting(PostureFinding::id).containsExactly("f-current");
                assertThat(index.changes(null, 0, 10).items()).extracting(CatalogChange::id).containsExactly("c-current");
                assertThat(index.rules("prod|a")).isEmpty();
                assertThat(index.rules("prod|b")).hasSize(1);
                for (String topic : List.of(Topics.CATALOG, Topics.FINDINGS, Topics.CHANGES, Topics.TEMPLATE_RULES)) {
                    assertThat(registry.get("periscope.discovery.view.unreadable").tag("topic", topic).tag("reason", "unsupported_schema")
                            .counter().count()).as(topic).isEqualTo(1);
                }
                assertThat(registry.find("periscope.discovery.view.unreadable").tag("reason", "unreadable").counter()).isNull();
            }
        }
    }
}
