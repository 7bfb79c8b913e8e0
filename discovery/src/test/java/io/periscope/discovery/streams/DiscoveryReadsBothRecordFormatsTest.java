package io.periscope.discovery.streams;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.periscope.discovery.catalog.DiscoveryMetrics;
import io.periscope.discovery.testing.ExchangeBuilder;
import io.periscope.discovery.testing.TestConfigs;
import io.periscope.events.catalog.EndpointSnapshot;
import io.periscope.events.http.HttpExchange;
import io.periscope.events.kafka.ExchangeSerializer;
import io.periscope.events.kafka.JsonSerde;
import io.periscope.events.kafka.RecordFormat;
import io.periscope.events.kafka.Topics;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * During an upgrade the exchanges topic holds JSON from old sensors and Avro from new ones: the discovery source reads
 * both (Kafka Streams hands the record headers to the {@code TopicReader} deserializer, which picks the format).
 */
class DiscoveryReadsBothRecordFormatsTest {
    private static final long T0 = 1_700_000_000_000_000L;

    @TempDir
    Path stateDir;

    @Test
    void endpointsAreLearnedFromJsonAndAvroExchangesOnOneTopic() {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "discovery-formats-test");
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (TopologyTestDriver driver = new TopologyTestDriver(DiscoveryTopology.build(
                TestConfigs.flushingEvery(Duration.ofSeconds(1)), InputLimits.defaults(), new DiscoveryMetrics(registry)), props)) {
            TestInputTopic<String, byte[]> in = driver.createInputTopic(Topics.EXCHANGES, new StringSerializer(),
                    new ByteArraySerializer());
            for (int i = 0; i < 20; i++) {
                RecordFormat format = i % 2 == 0 ? RecordFormat.JSON : RecordFormat.AVRO;
                HttpExchange ex = ExchangeBuilder.request("GET", "/" + format.setting() + "/orders").at(T0 + i * 1_000_000L)
                        .respondJson("{\"id\":1}").build();
                RecordHeaders headers = new RecordHeaders();
                byte[] value = new ExchangeSerializer(format).serialize(Topics.EXCHANGES, headers, ex);
                in.pipeInput(new TestRecord<>(ex.serviceKey(), value, headers));
            }
            driver.advanceWallClockTime(Duration.ofSeconds(2));

            var catalog = driver.createOutputTopic(Topics.CATALOG, new StringDeserializer(),
                    JsonSerde.of(EndpointSnapshot.class)).readValuesToList();
            assertThat(catalog).extracting(EndpointSnapshot::pathTemplate).contains("/json/orders", "/avro/orders");
            assertThat(registry.find("periscope.discovery.records.skipped").counters()).allSatisfy(c ->
                    assertThat(c.count()).isZero());
        }
    }
}
