package io.periscope.detection.streams;

import io.periscope.detection.Traffic;
import io.periscope.events.detection.ActorAddress;
import io.periscope.events.detection.Incident;
import io.periscope.events.http.HttpExchange;
import io.periscope.events.kafka.JsonSerde;
import io.periscope.events.kafka.Topics;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import static io.periscope.detection.streams.CrossActorDetectionTopologyTest.MINUTE;
import static io.periscope.detection.streams.CrossActorDetectionTopologyTest.T0;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Low-and-slow stuffing whose addresses rotate client fingerprints but replay one account list: linked by the accounts
 * they tried through the by-client repartition and the campaigns step, into one incident of its own actor.
 */
class AccountListCampaignTopologyTest {
    @TempDir
    Path stateDir;
    TopologyTestDriver driver;
    TestInputTopic<String, HttpExchange> exchanges;
    TestOutputTopic<String, Incident> incidents;

    @BeforeEach
    void start() {
        driver = DetectionDrivers.defaults("detection-account-list-test", stateDir);
        exchanges = driver.createInputTopic(Topics.EXCHANGES, new StringSerializer(), JsonSerde.of(HttpExchange.class));
        incidents = driver.createOutputTopic(Topics.INCIDENTS, new StringDeserializer(), JsonSerde.of(Incident.class));
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    /** Twelve addresses, each with a User-Agent (so a client fingerprint) of its own, each failing on ten accounts of one list. */
    static List<HttpExchange> rotatingFingerprints(long start) {
        List<HttpExchange> out = new ArrayList<>();
        long t = start;
        for (int i = 0; i < 12; i++) {
            for (int k = 0; k < 10; k++) {
                int account = (i * 4 + k) % 30;
                t += 2 * MINUTE;
                out.add(Traffic.from("198.51.100." + (100 + i)).agent("Mozilla/5.0 (Windows NT 10.0) Build/" + (7000 + i))
                        .signIn("victim" + account, String.format("%032x", 9000L + i * 10 + k)).status(401).at(t).build());
            }
        }
        return out;
    }

    @Test
    void addressesReplayingOneAccountListWithRotatingFingerprintsAreOneIncidentAndBenignUsersNone() {
        List<HttpExchange> traffic = new ArrayList<>(CrossActorDetectionTopologyTest.benign());
        traffic.addAll(rotatingFingerprints(T0 + 5 * MINUTE));
        traffic.sort(Comparator.comparingLong(e -> e.timings().requestStartMicros()));
        traffic.forEach(e -> exchanges.pipeInput(e.serviceKey(), e, Instant.ofEpochMilli(e.timings().requestStartMicros() / 1000)));

        Map<String, Incident> latest = DetectionTopologyTest.latestByActor(incidents.readValuesToList());
        assertThat(latest.keySet()).singleElement().satisfies(actor -> assertThat(actor).startsWith("campaign:accounts:"));
        Incident stuffing = latest.values().iterator().next();
        assertThat(stuffing.types()).containsExactly("DISTRIBUTED_CREDENTIAL_STUFFING");
        assertThat(stuffing.actor().addresses()).extracting(ActorAddress::ip).hasSizeGreaterThanOrEqualTo(8)
                .allMatch(ip -> ip.startsWith("198.51.100."));
    }
}
