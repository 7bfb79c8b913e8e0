package io.periscope.discovery.streams;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.periscope.discovery.catalog.DiscoveryConfig;
import io.periscope.discovery.catalog.DiscoveryMetrics;
import io.periscope.discovery.testing.ExchangeBuilder;
import io.periscope.discovery.testing.TestConfigs;
import io.periscope.discovery.view.CatalogReadModel;
import io.periscope.discovery.view.EndpointQuery;
import io.periscope.events.catalog.ChangeType;
import io.periscope.events.http.HttpExchange;
import io.periscope.broker.EmbeddedKafkaBroker;
import io.periscope.events.kafka.JsonSerde;
import io.periscope.events.kafka.TopicProvisioner;
import io.periscope.events.kafka.Topics;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * State changed in memory but never flushed by the punctuation must still survive a restart: the commit
 * hook stores it before offsets are committed, and the next owner of the task restores and publishes it.
 */
class CommitRecoveryIntegrationTest {
    private static final String APPLICATION_ID = "discovery-commit-it";
    private static final int EXCHANGES = 25;

    @TempDir
    Path tmp;

    private DiscoveryStreams streams(Map<String, Object> client, Path stateDir, Duration flushInterval) {
        DiscoveryConfig config = TestConfigs.flushingEvery(flushInterval);
        Properties props = DiscoveryStreams.properties(client, APPLICATION_ID, stateDir, 1, Duration.ofMillis(300));
        return new DiscoveryStreams(props, config, InputLimits.defaults(), new DiscoveryMetrics(new SimpleMeterRegistry()));
    }

    private static void await(Callable<Boolean> condition, String what) {
        Awaitility.await(what).atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(condition);
    }

    /** The offset of {@code periscope.exchanges} the application has committed, 0 before its first commit. */
    private static long committedExchanges(Admin admin) throws Exception {
        OffsetAndMetadata committed = admin.listConsumerGroupOffsets(APPLICATION_ID).partitionsToOffsetAndMetadata().get()
                .get(new TopicPartition(Topics.EXCHANGES, 0));
        return committed == null ? 0 : committed.offset();
    }

    @Test
    void stateThatWasOnlyInMemoryAtCommitTimeSurvivesARestart() throws Exception {
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(tmp.resolve("kafka"), "127.0.0.1", 0);
             Admin admin = Admin.create(broker.clientProperties())) {
            new TopicProvisioner(admin, Duration.ofSeconds(30)).ensure(Topics.defaults().stream()
                    .map(s -> s.withPartitions(1)).toList());
            Properties p = new Properties();
            p.putAll(broker.clientProperties());
            try (KafkaProducer<String, HttpExchange> producer = new KafkaProducer<>(p, new StringSerializer(), JsonSerde.of(HttpExchange.class));
                 CatalogReadModel view = new CatalogReadModel(broker.clientProperties(), new DiscoveryMetrics(new SimpleMeterRegistry()), 100)) {
                for (int i = 0; i < EXCHANGES; i++) {
                    HttpExchange ex = ExchangeBuilder.request("GET", "/accounts/" + i).respondJson("{\"id\":" + i + "}").build();
                    producer.send(new ProducerRecord<>(Topics.EXCHANGES, ex.serviceKey(), ex)).get();
                }
                view.start();
                // an hour-long flush interval: nothing is published or stored by the punctuation
                DiscoveryStreams first = streams(broker.clientProperties(), tmp.resolve("state-a"), Duration.ofHours(1));
                first.start();
                await(() -> view.index().changes(null, 0, 10).items().stream().anyMatch(c -> c.type() == ChangeType.NEW_ENDPOINT),
                        "the new endpoint change, forwarded at once");
                await(() -> committedExchanges(admin) == EXCHANGES, "offsets committed past every exchange");
                assertThat(view.index().endpointCount()).as("no snapshot published without a flush").isZero();
                first.close();

                DiscoveryStreams second = streams(broker.clientProperties(), tmp.resolve("state-b"), Duration.ofMillis(200));
                second.start();
                try {
                    await(() -> view.index().endpoints(EndpointQuery.all()).items().stream()
                            .anyMatch(e -> e.pathTemplate().equals("/accounts/{accountId}") && e.calls() == EXCHANGES),
                            "the restored endpoint with all calls");
                    // several flushes of the second owner must not count an exchange twice
                    Awaitility.await("no exchange counted twice").during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5))
                            .until(() -> view.index().endpoints(EndpointQuery.all()).items().stream()
                                    .allMatch(e -> e.calls() == EXCHANGES));
                    assertThat(view.index().endpoints(EndpointQuery.all()).items()).singleElement()
                            .satisfies(e -> assertThat(e.calls()).isEqualTo(EXCHANGES));
                } finally {
                    second.close();
                }
            }
        }
    }
}
