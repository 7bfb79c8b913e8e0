package io.periscope.events.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.periscope.broker.EmbeddedKafkaBroker;
import io.periscope.events.http.HttpExchange;
import io.periscope.events.http.avro.ExchangeAvroCodec;
import io.periscope.events.http.avro.RealisticExchanges;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * The upgrade as a consumer sees it, on a real broker: one topic where a producer still writes JSON, another already
 * writes Avro, and a hostile record claims a header it cannot back. The consumer reads every exchange of both
 * formats in order and counts the bad record by reason.
 */
class MixedFormatExchangesIntegrationTest {
    @TempDir
    Path dataDir;

    @Test
    void oneConsumerReadsJsonAndAvroFromOneTopicAndCountsMalformedAvro() throws Exception {
        List<HttpExchange> sent = RealisticExchanges.all();
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(dataDir, "127.0.0.1", 0)) {
            try (Admin admin = Admin.create(broker.clientProperties())) {
                admin.createTopics(List.of(new NewTopic(Topics.EXCHANGES, 1, (short) 1))).all().get();
            }
            Map<String, Object> p = new HashMap<>(broker.clientProperties());
            try (KafkaProducer<String, HttpExchange> json = new KafkaProducer<>(p, new StringSerializer(),
                         new ExchangeSerializer(RecordFormat.JSON));
                 KafkaProducer<String, HttpExchange> avro = new KafkaProducer<>(p, new StringSerializer(),
                         new ExchangeSerializer(RecordFormat.AVRO));
                 KafkaProducer<byte[], byte[]> raw = new KafkaProducer<>(p, new ByteArraySerializer(),
                         new ByteArraySerializer())) {
                for (int i = 0; i < sent.size(); i++) {
                    KafkaProducer<String, HttpExchange> producer = i % 2 == 0 ? json : avro;
                    producer.send(new ProducerRecord<>(Topics.EXCHANGES, 0, "k", sent.get(i))).get();
                }
                byte[] valid = ExchangeAvroCodec.encode(RealisticExchanges.login());
                byte[] hostile = Arrays.copyOf(valid, valid.length);
                hostile[1] = (byte) 0xFE; // the id's length, now a claim far beyond the record
                hostile[2] = (byte) 0xFF;
                hostile[3] = (byte) 0xFF;
                hostile[4] = (byte) 0xFF;
                hostile[5] = (byte) 0x0F;
                RecordHeaders headers = new RecordHeaders();
                headers.add(SchemaIdHeader.NAME, SchemaIdHeader.value(1));
                raw.send(new ProducerRecord<>(Topics.EXCHANGES, 0, null, "k".getBytes(), hostile, headers)).get();
                avro.send(new ProducerRecord<>(Topics.EXCHANGES, 0, "k", RealisticExchanges.login())).get();
            }

            List<String> skipped = new ArrayList<>();
            TopicReader<HttpExchange> reader = TopicReader.of(HttpExchange.class, HttpExchange.SCHEMA_VERSION,
                    (topic, reason) -> skipped.add(topic + ":" + reason.tag()),
                    LoggerFactory.getLogger(MixedFormatExchangesIntegrationTest.class));
            Map<String, Object> c = new HashMap<>(broker.clientProperties());
            c.put(ConsumerConfig.GROUP_ID_CONFIG, "mixed-format-test");
            c.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
            List<String> read = new ArrayList<>();
            try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(c, new StringDeserializer(),
                    new ByteArrayDeserializer())) {
                consumer.subscribe(List.of(Topics.EXCHANGES));
                long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
                int seen = 0;
                while (seen < sent.size() + 2 && System.nanoTime() < deadline) {
                    for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                        seen++;
                        HttpExchange x = reader.read(r);
                        if (x != null) {
                            read.add(x.id());
                        }
                    }
                }
            }

            List<String> expected = new ArrayList<>(sent.stream().map(HttpExchange::id).toList());
            expected.add("c1-0");
            assertThat(read).containsExactlyElementsOf(expected);
            assertThat(skipped).containsExactly(Topics.EXCHANGES + ":unreadable");
        }
    }
}
