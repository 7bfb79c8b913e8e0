package io.periscope.discovery.series;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.periscope.discovery.catalog.DiscoveryMetrics;
import io.periscope.discovery.streams.DiscoveryTopology;
import io.periscope.discovery.streams.InputLimits;
import io.periscope.discovery.testing.ExchangeBuilder;
import io.periscope.discovery.testing.TestConfigs;
import io.periscope.events.catalog.EndpointSnapshot;
import io.periscope.events.http.HttpExchange;
import io.periscope.events.kafka.JsonSerde;
import io.periscope.events.kafka.Topics;
import io.periscope.events.series.SeriesBucket;
import io.periscope.events.series.SeriesResolution;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The series as the discovery topology publishes them next to the catalog: what {@code periscope.series} holds
 * agrees with what {@code periscope.catalog} holds, including after the catalog merged endpoints.
 */
class SeriesTopologyTest {
    static final long T0 = 1_700_000_000_000_000L;
    static final String[] SLUGS = {"zx-fr4k", "qw-pl9m", "ab-cd3e", "kk-x7yz", "mn-op2q", "rt-yu8i"};

    @TempDir
    Path stateDir;

    @Test
    void seriesBucketsSumToTheCatalogsCallCountsIncludingMergedEndpoints() {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "series-topology-test");
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        DiscoveryMetrics metrics = new DiscoveryMetrics(new SimpleMeterRegistry());
        try (TopologyTestDriver driver = new TopologyTestDriver(
                DiscoveryTopology.build(TestConfigs.flushingEvery(Duration.ofSeconds(1)), InputLimits.defaults(), metrics), props)) {
            TestInputTopic<String, HttpExchange> in = driver.createInputTopic(Topics.EXCHANGES, new StringSerializer(),
                    JsonSerde.of(HttpExchange.class));
            TestOutputTopic<String, SeriesBucket> series = driver.createOutputTopic(Topics.SERIES, new StringDeserializer(),
                    JsonSerde.of(SeriesBucket.class));
            TestOutputTopic<String, EndpointSnapshot> catalog = driver.createOutputTopic(Topics.CATALOG,
                    new StringDeserializer(), JsonSerde.of(EndpointSnapshot.class));
            Random random = new Random(3);
            int[] statuses = {200, 200, 200, 404, 500};
            for (int i = 0; i < 900; i++) {
                // slugs of one response shape: learned into one template once enough siblings were seen, after each
                // had been an endpoint (and a series) of its own
                String path = i % 3 == 0 ? "/api/health" : i % 3 == 1 ? "/api/orders" : "/catalog/items/" + SLUGS[(i / 3) % SLUGS.length];
                boolean slug = path.startsWith("/catalog");
                HttpExchange ex = ExchangeBuilder.request("GET", path).at(T0 + i * 4_000_000L)
                        .latency(1000 + random.nextInt(50_000)).status(slug ? 200 : statuses[random.nextInt(statuses.length)])
                        .respondJson(slug ? "{\"sku\":\"" + path + "\",\"price\":10}" : "{\"id\":1}").build();
                in.pipeInput(ex.serviceKey(), ex);
                if (i % 50 == 0) {
                    driver.advanceWallClockTime(Duration.ofSeconds(2));
                }
            }
            driver.advanceWallClockTime(Duration.ofSeconds(2));

            Map<String, SeriesBucket> buckets = new HashMap<>();
            series.readKeyValuesToList().forEach(kv -> {
                if (kv.value == null) {
                    buckets.remove(kv.key);
                } else {
                    SeriesInvariants.assertValid(kv.value);
                    assertThat(kv.key).isEqualTo(kv.value.key().toString());
                    buckets.put(kv.key, kv.value);
                }
            });
            Map<String, EndpointSnapshot> endpoints = new HashMap<>();
            catalog.readKeyValuesToList().forEach(kv -> {
                if (kv.value == null) {
                    endpoints.remove(kv.key);
                } else {
                    endpoints.put(kv.key, kv.value);
                }
            });
            assertThat(endpoints.values()).extracting(EndpointSnapshot::pathTemplate).hasSize(3).noneMatch(t -> t.contains("zx-fr4k"));
            long total = 0;
            for (EndpointSnapshot e : endpoints.values()) {
                total += e.traffic().calls();
                for (SeriesResolution r : SeriesResolution.values()) {
                    List<SeriesBucket> of = buckets.values().stream()
                            .filter(b -> e.endpointId().equals(b.endpointId()) && b.resolution() == r).toList();
                    assertThat(of.stream().mapToLong(SeriesBucket::calls).sum()).as("%s %s", r, e.pathTemplate())
                            .isEqualTo(e.traffic().calls());
                    assertThat(of.stream().mapToLong(SeriesBucket::errors).sum()).as("errors %s %s", r, e.pathTemplate())
                            .isEqualTo(e.traffic().statusClasses().getOrDefault("5xx", 0L));
                }
            }
            assertThat(total).isEqualTo(900);
            // no bucket of an endpoint the catalog merged away is left on the topic
            assertThat(buckets.values()).allMatch(b -> b.endpointId() == null || endpoints.containsKey(b.endpointId()));
            assertThat(buckets.values().stream().filter(b -> b.endpointId() == null && b.resolution() == SeriesResolution.MINUTE)
                    .mapToLong(SeriesBucket::calls).sum()).isEqualTo(900);
        }
    }
}
