package io.periscope.discovery.streams;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.periscope.discovery.catalog.DiscoveryConfig;
import io.periscope.discovery.catalog.DiscoveryMetrics;
import io.periscope.discovery.testing.ExchangeBuilder;
import io.periscope.discovery.view.CatalogView;
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
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * State changed in memory but never flushed by the punctuation must still survive a restart: the commit
 * hook stores it before offsets are committed, and the next owner of the task restores and publishes it.
 */
class CommitRecoveryIntegrationTest {
    @TempDir
    Path tmp;

    private DiscoveryStreams streams(Map<String, Object> client, Path stateDir, Duration flushInterval) {
        DiscoveryConfig config = DiscoveryConfig.defaults().withFlushInterval(flushInterval);
        Properties props = DiscoveryStreams.properties(client, "discovery-commit-it", stateDir, 1, Duration.ofMillis(300));
        return new DiscoveryStreams(props, config, new DiscoveryMetrics(new SimpleMeterRegistry()));
    }

    private static void await(java.util.function.BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(100);
        }
    }

    @Test
    void stateThatWasOnlyInMemoryAtCommitTimeSurvivesARestart() throws Exception {
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(tmp.resolve("kafka"), "127.0.0.1", 0)) {
            try (Admin admin = Admin.create(broker.clientProperties())) {
                new TopicProvisioner(admin, Duration.ofSeconds(30)).ensure(Topics.defaults().stream()
                        .map(s -> s.withPartitions(1)).toList());
            }
            Properties p = new Properties();
            p.putAll(broker.clientProperties());
            try (KafkaProducer<String, HttpExchange> producer = new KafkaProducer<>(p, new StringSerializer(), JsonSerde.of(HttpExchange.class));
                 CatalogView view = new CatalogView(broker.clientProperties(), new DiscoveryMetrics(new SimpleMeterRegistry()), 100, 1 << 20)) {
                for (int i = 0; i < 25; i++) {
                    HttpExchange ex = ExchangeBuilder.request("GET", "/accounts/" + i).respondJson("{\"id\":" + i + "}").build();
                    producer.send(new ProducerRecord<>(Topics.EXCHANGES, ex.serviceKey(), ex)).get();
                }
                view.start();
                // an hour-long flush interval: nothing is published or stored by the punctuation
                DiscoveryStreams first = streams(broker.clientProperties(), tmp.resolve("state-a"), Duration.ofHours(1));
                first.start();
                await(() -> view.index().changes(null, 0, 10).items().stream().anyMatch(c -> c.type() == ChangeType.NEW_ENDPOINT),
                        "the new endpoint change, forwarded at once");
                Thread.sleep(1500); // let the 25 exchanges be processed and a few commits pass
                assertThat(view.index().endpointCount()).as("no snapshot published without a flush").isZero();
                first.close();

                DiscoveryStreams second = streams(broker.clientProperties(), tmp.resolve("state-b"), Duration.ofMillis(200));
                second.start();
                try {
                    await(() -> view.index().endpoints(EndpointQuery.all()).items().stream()
                            .anyMatch(e -> e.pathTemplate().equals("/accounts/{accountId}") && e.calls() == 25),
                            "the restored endpoint with all 25 calls");
                    Thread.sleep(1000);
                    assertThat(view.index().endpoints(EndpointQuery.all()).items()).singleElement()
                            .satisfies(e -> assertThat(e.calls()).as("no exchange counted twice").isEqualTo(25));
                } finally {
                    second.close();
                }
            }
        }
    }
}
