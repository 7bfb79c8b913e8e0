package io.periscope.reassembly.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.periscope.events.http.HttpExchange;
import io.periscope.broker.EmbeddedKafkaBroker;
import io.periscope.events.kafka.ExchangeDeserializer;
import io.periscope.events.kafka.RecordFormat;
import io.periscope.events.kafka.SchemaIdHeader;
import io.periscope.events.kafka.TopicProvisioner;
import io.periscope.events.kafka.Topics;
import io.periscope.reassembly.ReassemblyConfig;
import io.periscope.reassembly.ReassemblySink;
import io.periscope.reassembly.ReassemblySinkFactory;
import io.periscope.reassembly.support.Conversation;
import io.periscope.reassembly.support.Harness;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The publisher against a real embedded KRaft broker. */
class KafkaExchangePublisherTest {
    @TempDir
    Path dir;

    private static void createTopic(Map<String, Object> client) throws InterruptedException {
        try (Admin admin = Admin.create(client)) {
            new TopicProvisioner(admin, Duration.ofSeconds(30)).ensure(List.of(Topics.defaults().get(0).withPartitions(3)));
        }
    }

    private static KafkaConsumer<String, HttpExchange> consumer(Map<String, Object> client) {
        Properties p = new Properties();
        p.putAll(client);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "t-" + UUID.randomUUID());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        KafkaConsumer<String, HttpExchange> c = new KafkaConsumer<>(p, new StringDeserializer(), new ExchangeDeserializer());
        c.subscribe(List.of(Topics.EXCHANGES));
        return c;
    }

    private static List<ConsumerRecord<String, HttpExchange>> readUntil(KafkaConsumer<String, HttpExchange> c, int count, Duration max) {
        List<ConsumerRecord<String, HttpExchange>> out = new ArrayList<>();
        long deadline = System.nanoTime() + max.toNanos();
        while (out.size() < count && System.nanoTime() < deadline) {
            c.poll(Duration.ofMillis(200)).forEach(out::add);
        }
        return out;
    }

    /** Real exchanges from the reassembler, driven by a conversation per request. */
    private static void reassemble(ExchangeSink sink, String host, int from, int count) {
        ReassemblySinkFactory f = new ReassemblySinkFactory(ReassemblyConfig.builder(Harness.SECRET).build(), sink,
                new SimpleMeterRegistry());
        ReassemblySink s = f.createSink(0, 1);
        for (int i = from; i < from + count; i++) {
            Conversation.between("10.0.1." + (i % 200 + 1), 30000 + i, "10.0.2.2", 8080).handshake()
                    .client("GET /items/" + i + " HTTP/1.1\r\nHost: " + host + "\r\nAuthorization: Bearer secret-" + i + "\r\n\r\n")
                    .server("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok").close().packets()
                    .forEach(p -> s.onSegment(new io.periscope.reassembly.support.TestSegment().load(p)));
        }
        s.onClose();
    }

    @Test
    void exchangesArePublishedKeyedByServiceAndReadBackFieldByField() throws Exception {
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(dir.resolve("kafka"), "127.0.0.1", 0)) {
            createTopic(broker.clientProperties());
            SimpleMeterRegistry registry = new SimpleMeterRegistry();
            try (KafkaExchangePublisher publisher = new KafkaExchangePublisher(PublisherConfig.defaults(broker.bootstrapServers()).withClientProperties(broker.clientProperties()), registry);
                 KafkaConsumer<String, HttpExchange> consumer = consumer(broker.clientProperties())) {
                publisher.awaitReady(Duration.ofSeconds(60));
                reassemble(publisher, "api.example.com", 0, 20);
                List<ConsumerRecord<String, HttpExchange>> records = readUntil(consumer, 20, Duration.ofSeconds(60));
                assertThat(records).hasSize(20);
                assertThat(records).allSatisfy(r -> {
                    assertThat(r.key()).isEqualTo("test|api.example.com");
                    assertThat(r.value().serviceKey()).isEqualTo(r.key());
                    assertThat(r.value().response().status()).isEqualTo(200);
                    assertThat(r.value().request().headerValues("authorization").get(0)).startsWith("[redacted:Bearer:");
                    assertThat(r.value().credentials()).hasSize(1);
                });
                assertThat(records.stream().map(ConsumerRecord::partition).distinct()).hasSize(1);
                assertThat(records).extracting(r -> r.value().request().path())
                        .containsExactlyElementsOf(java.util.stream.IntStream.range(0, 20).mapToObj(i -> "/items/" + i).toList());
                assertThat(publisher.value("exchanges{outcome=published}")).isEqualTo(20);
            }
        }
    }

    @Test
    void avroRecordsCarryTheSchemaIdHeaderByDefaultAndTheJsonSettingWritesPlainJson() throws Exception {
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(dir.resolve("kafka-formats"), "127.0.0.1", 0)) {
            createTopic(broker.clientProperties());
            PublisherConfig avro = PublisherConfig.defaults(broker.bootstrapServers()).withClientProperties(broker.clientProperties());
            assertThat(avro.recordFormat()).isEqualTo(RecordFormat.AVRO);
            for (PublisherConfig config : List.of(avro, avro.toBuilder().recordFormat(RecordFormat.JSON).build())) {
                try (KafkaExchangePublisher publisher = new KafkaExchangePublisher(config, new SimpleMeterRegistry())) {
                    publisher.awaitReady(Duration.ofSeconds(60));
                    reassemble(publisher, config.recordFormat().setting() + ".example.com", 0, 3);
                    publisher.close(Duration.ofSeconds(30));
                    assertThat(publisher.value("exchanges{outcome=published}")).isEqualTo(3);
                }
            }
            try (KafkaConsumer<String, HttpExchange> consumer = consumer(broker.clientProperties())) {
                List<ConsumerRecord<String, HttpExchange>> records = readUntil(consumer, 6, Duration.ofSeconds(60));
                assertThat(records).hasSize(6).allSatisfy(r -> {
                    org.apache.kafka.common.header.Header id = r.headers().lastHeader(SchemaIdHeader.NAME);
                    if (r.value().serverHost().startsWith("avro.")) {
                        assertThat(id.value()).containsExactly(0, 0, 0, 1);
                    } else {
                        assertThat(id).isNull();
                    }
                    assertThat(r.value().request().headerValues("authorization").get(0)).startsWith("[redacted:Bearer:");
                });
            }
        }
    }

    @Test
    void aBrokerOutageFillsTheBoundedQueueDropsTheExcessAndPublishingResumesWhenItReturns() throws Exception {
        Path logDir = dir.resolve("kafka-restart");
        EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(logDir, "127.0.0.1", 0);
        String bootstrap = broker.bootstrapServers();
        int port = Integer.parseInt(bootstrap.substring(bootstrap.lastIndexOf(':') + 1));
        Map<String, Object> client = broker.clientProperties(); // the same after the restart: same port, same credentials
        createTopic(client);
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        PublisherConfig config = PublisherConfig.defaults(bootstrap).withClientProperties(client).toBuilder()
                .maxQueuedExchanges(20).maxQueuedBytes(64L * 1024 * 1024).maxBlockMs(200).deliveryTimeoutMs(120_000).build();
        try (KafkaExchangePublisher publisher = new KafkaExchangePublisher(config, registry)) {
            publisher.awaitReady(Duration.ofSeconds(60)); // connected and authenticated before the 200 ms max.block.ms applies
            reassemble(publisher, "before.example", 0, 5);
            try (KafkaConsumer<String, HttpExchange> c = consumer(client)) {
                assertThat(readUntil(c, 5, Duration.ofSeconds(60))).hasSize(5);
            }
            broker.close();

            long start = System.nanoTime();
            reassemble(publisher, "during.example", 100, 300);
            Duration spent = Duration.ofNanos(System.nanoTime() - start);
            assertThat(spent).isLessThan(Duration.ofSeconds(20)); // the packet path was never held by the broker
            assertThat(publisher.value("exchanges.dropped{reason=queue_full}")).isPositive();
            assertThat(publisher.value("queue.size")).isLessThanOrEqualTo(20);

            broker = EmbeddedKafkaBroker.start(logDir, "127.0.0.1", port);
            // what queued during the outage drains first (or expires, counted)
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                    .until(() -> publisher.value("queue.size"), size -> size == 0);
            // The producer keeps what it accepted during the outage until delivery.timeout.ms and sends it
            // when the broker is back; a send right after the restart may still time out (a counted drop,
            // never a stall). So offer new exchanges one by one until five of them are on the topic again,
            // with no help from the test: that is "publishing resumes by itself".
            int attempts = 0;
            long after = 0;
            try (KafkaConsumer<String, HttpExchange> c = consumer(client)) {
                long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
                while (after < 5 && System.nanoTime() < deadline) {
                    reassemble(publisher, "after.example", 1000 + attempts, 1);
                    attempts++;
                    for (ConsumerRecord<String, HttpExchange> r : c.poll(Duration.ofMillis(500))) {
                        if (r.key().equals("test|after.example")) {
                            after++;
                        }
                    }
                }
            }
            assertThat(after).isGreaterThanOrEqualTo(5);
            double accepted = publisher.value("exchanges{outcome=accepted}");
            double dropped = publisher.value("exchanges.dropped{reason=queue_full}");
            assertThat(accepted + dropped).isEqualTo(305 + attempts);
            // nothing vanished: once in-flight sends settle (within delivery.timeout.ms), every accepted
            // exchange was published or dropped for a named reason
            await().atMost(Duration.ofSeconds(125)).pollInterval(Duration.ofMillis(100))
                    .until(() -> published(publisher) + droppedAfterAccepting(publisher), settled -> settled >= accepted);
            assertThat(published(publisher) + droppedAfterAccepting(publisher)).isEqualTo(accepted);
        } finally {
            broker.close();
        }
    }

    private static double published(KafkaExchangePublisher p) {
        return p.value("exchanges{outcome=published}");
    }

    private static double droppedAfterAccepting(KafkaExchangePublisher p) {
        return p.value("exchanges.dropped{reason=send_timeout}") + p.value("exchanges.dropped{reason=delivery_failed}")
                + p.value("exchanges.dropped{reason=serialization}") + p.value("exchanges.dropped{reason=abandoned}")
                + p.value("queue.size");
    }

    @Test
    void exchangesOfferedAfterCloseAreCountedNotQueued() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        KafkaExchangePublisher publisher = new KafkaExchangePublisher(PublisherConfig.defaults("127.0.0.1:9").toBuilder()
                .maxBlockMs(200).deliveryTimeoutMs(1000).build(), registry);
        publisher.close(Duration.ofSeconds(5));
        reassemble(publisher, "late.example", 0, 3);
        assertThat(publisher.value("exchanges.dropped{reason=closed}")).isEqualTo(3);
        assertThat(publisher.value("exchanges{outcome=accepted}")).isZero();
    }

    @Test
    void aBlockingPublisherWithATinyQueueHoldsTheWorkerInsteadOfDroppingAndPublishesEveryExchange() throws Exception {
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(dir.resolve("kafka-tiny"), "127.0.0.1", 0)) {
            createTopic(broker.clientProperties());
            SimpleMeterRegistry registry = new SimpleMeterRegistry();
            PublisherConfig config = PublisherConfig.defaults(broker.bootstrapServers()).withClientProperties(broker.clientProperties())
                    .toBuilder().senderThreads(2).maxQueuedExchanges(4).maxQueuedBytes(8 * 1024).build();
            KafkaExchangePublisher publisher = new KafkaExchangePublisher(config, Backpressure.BLOCK, registry);
            publisher.awaitReady(Duration.ofSeconds(60));
            for (int service = 0; service < 6; service++) { // several services: both sender lanes fill
                reassemble(publisher, "s" + service + ".example", service * 100, 100);
            }
            publisher.close(Duration.ofSeconds(60));
            assertThat(publisher.failure()).isEmpty();
            assertThat(published(publisher)).isEqualTo(600);
            assertThat(publisher.snapshot()).as("no drop of any reason")
                    .allSatisfy((key, value) -> assertThat(key.startsWith("exchanges.dropped") ? value : 0).isZero());
            try (KafkaConsumer<String, HttpExchange> c = consumer(broker.clientProperties())) {
                assertThat(readUntil(c, 600, Duration.ofSeconds(60))).hasSize(600);
            }
        }
    }

    @Test
    void aBlockingPublisherWhoseBrokerStaysAwayFailsWithTheReasonInsteadOfHangingAndCountsEveryExchange() throws Exception {
        EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(dir.resolve("kafka-away"), "127.0.0.1", 0);
        createTopic(broker.clientProperties());
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        PublisherConfig config = PublisherConfig.defaults(broker.bootstrapServers()).withClientProperties(broker.clientProperties())
                .toBuilder().senderThreads(1).maxQueuedExchanges(4).maxBlockMs(200).deliveryTimeoutMs(3000).lingerMs(0).build();
        KafkaExchangePublisher publisher = new KafkaExchangePublisher(config, Backpressure.BLOCK, registry);
        try {
            publisher.awaitReady(Duration.ofSeconds(60));
            broker.close();
            long start = System.nanoTime();
            int offered = 0;
            while (publisher.failure().isEmpty() && System.nanoTime() - start < Duration.ofSeconds(60).toNanos()) {
                reassemble(publisher, "away.example", offered, 10);
                offered += 10;
            }
            assertThat(publisher.failure()).as("failed within the delivery timeout, not hung").isPresent();
            assertThat(publisher.failure().get()).containsAnyOf("delivery-timeout-ms", "Kafka did not acknowledge");
            reassemble(publisher, "after-failure.example", 0, 5); // returns at once: a failed publisher waits for nothing
            offered += 5;
            publisher.close(Duration.ofSeconds(5));
            double accepted = publisher.value("exchanges{outcome=accepted}");
            assertThat(accepted + publisher.value("exchanges.dropped{reason=publisher_failed}")
                    + publisher.value("exchanges.dropped{reason=closed}") + publisher.value("exchanges.dropped{reason=queue_full}"))
                    .isEqualTo(offered);
            assertThat(publisher.value("exchanges.dropped{reason=publisher_failed}")).isGreaterThanOrEqualTo(5);
            assertThat(publisher.value("exchanges.dropped{reason=queue_full}")).as("blocking mode never drops for a full queue").isZero();
            assertThat(published(publisher) + droppedAfterAccepting(publisher) + publisher.value("in.flight")).isEqualTo(accepted);
        } finally {
            publisher.close(Duration.ZERO);
            broker.close();
        }
    }

    @Test
    void closingWhileAWorkerWaitsForRoomReleasesItAndCountsWhatWasLeft() throws Exception {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        KafkaExchangePublisher publisher = new KafkaExchangePublisher(PublisherConfig.defaults("127.0.0.1:1").toBuilder()
                .senderThreads(1).maxQueuedExchanges(2).maxBlockMs(200).deliveryTimeoutMs(600_000).build(), Backpressure.BLOCK, registry);
        Thread worker = new Thread(() -> reassemble(publisher, "stuck.example", 0, 50), "test-worker");
        worker.start();
        await().atMost(Duration.ofSeconds(30)).until(() -> publisher.value("queue.size") == 2);
        publisher.close(Duration.ofSeconds(1));
        await().atMost(Duration.ofSeconds(10)).until(() -> !worker.isAlive());
        double accepted = publisher.value("exchanges{outcome=accepted}");
        assertThat(accepted + publisher.value("exchanges.dropped{reason=closed}")).isEqualTo(50);
        await().atMost(Duration.ofSeconds(10)).until(() -> published(publisher) + droppedAfterAccepting(publisher)
                + publisher.value("in.flight"), settled -> settled == accepted);
        assertThat(publisher.value("queue.size")).isZero();
    }

    @Test
    void aBlockingPublisherRidesOutABrokerRestartShorterThanItsTimeoutAndLosesNothing() throws Exception {
        Path logDir = dir.resolve("kafka-blip");
        EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(logDir, "127.0.0.1", 0);
        String bootstrap = broker.bootstrapServers();
        int port = Integer.parseInt(bootstrap.substring(bootstrap.lastIndexOf(':') + 1));
        Map<String, Object> client = broker.clientProperties();
        createTopic(client);
        PublisherConfig config = PublisherConfig.defaults(bootstrap).withClientProperties(client).toBuilder()
                .senderThreads(1).maxQueuedExchanges(2).maxBlockMs(500).deliveryTimeoutMs(90_000).build();
        KafkaExchangePublisher publisher = new KafkaExchangePublisher(config, Backpressure.BLOCK, new SimpleMeterRegistry());
        try {
            publisher.awaitReady(Duration.ofSeconds(60));
            reassemble(publisher, "before.example", 0, 20);
            broker.close();
            Thread worker = new Thread(() -> reassemble(publisher, "during.example", 100, 200), "test-worker");
            worker.start();
            // the outage has reached the worker: it waits for room (the producer cannot take), or the producer holds
            // much of what it offered
            await().atMost(Duration.ofSeconds(60)).until(() -> worker.getState() == Thread.State.TIMED_WAITING
                    || publisher.value("exchanges{outcome=accepted}") >= 120);
            broker = EmbeddedKafkaBroker.start(logDir, "127.0.0.1", port);
            await().atMost(Duration.ofSeconds(90)).until(() -> !worker.isAlive());
            publisher.close(Duration.ofSeconds(90));
            assertThat(publisher.failure()).isEmpty();
            assertThat(published(publisher)).isEqualTo(220);
            assertThat(publisher.snapshot()).as("no drop of any reason")
                    .allSatisfy((key, value) -> assertThat(key.startsWith("exchanges.dropped") ? value : 0).isZero());
        } finally {
            publisher.close(Duration.ZERO);
            broker.close();
        }
    }
}
