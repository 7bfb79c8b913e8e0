package io.periscope.detection.streams;

import io.periscope.detection.Traffic;
import io.periscope.events.detection.ActorAddress;
import io.periscope.events.detection.Incident;
import io.periscope.events.detection.Outcome;
import io.periscope.events.detection.Signal;
import io.periscope.events.http.HttpExchange;
import io.periscope.events.kafka.JsonSerde;
import io.periscope.events.kafka.Topics;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
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
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The detectors whose evidence spans actors, through the real topology: object ownership learned on the object's
 * partition and sent back to the accessing actor, stuffing campaigns linked by client fingerprint across addresses,
 * request schemas learned per write endpoint, and network changes of one credential. Benign users of the same API
 * (own orders, a shared catalogue, profile edits, sign-ins with the odd typo) must have no incident.
 */
class CrossActorDetectionTopologyTest {
    static final long T0 = Instant.parse("2026-11-02T09:00:00Z").toEpochMilli() * 1000;
    static final long SECOND = 1_000_000;
    static final long MINUTE = 60 * SECOND;

    @TempDir
    Path stateDir;
    TopologyTestDriver driver;
    TestInputTopic<String, HttpExchange> exchanges;
    TestOutputTopic<String, Incident> incidents;
    TestOutputTopic<String, Signal> signals;

    @BeforeEach
    void start() {
        driver = DetectionDrivers.defaults("detection-cross-test", stateDir);
        exchanges = driver.createInputTopic(Topics.EXCHANGES, new StringSerializer(), JsonSerde.of(HttpExchange.class));
        incidents = driver.createOutputTopic(Topics.INCIDENTS, new StringDeserializer(), JsonSerde.of(Incident.class));
        signals = driver.createOutputTopic(Topics.SIGNALS, new StringDeserializer(), JsonSerde.of(Signal.class));
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    /** Fifteen JWT users for two hours: their own three orders, a catalogue everyone reads, profile edits, sign-ins. */
    static List<HttpExchange> benign() {
        Random random = new Random(11);
        List<HttpExchange> out = new ArrayList<>();
        for (int u = 0; u < 15; u++) {
            String ip = "192.0.2." + (10 + u);
            String user = "user" + u;
            String token = String.format("%032x", 77_000L + u);
            long t = T0 + random.nextInt(60) * SECOND;
            out.add(Traffic.from(ip).signIn(user, String.format("%032x", 5000L + u)).status(u % 5 == 0 ? 401 : 200).at(t).build());
            out.add(Traffic.from(ip).signIn(user, String.format("%032x", 6000L + u)).at(t + 5 * SECOND).build());
            // an order this user creates and never reads again: only its creation says whose it is
            out.add(Traffic.from(ip).jwt(token, "RS256", user).method("POST", "/api/orders").body("{\"sku\":\"A1\"}")
                    .responseBody("{\"id\":" + (9000 + u) + ",\"sku\":\"A1\"}").status(201).at(t + 10 * SECOND).build());
            while (t < T0 + 120 * MINUTE) {
                t += (20 + random.nextInt(40)) * SECOND;
                int pick = random.nextInt(20);
                Traffic req = Traffic.from(ip).jwt(token, "RS256", user).at(t);
                if (pick < 7) {
                    req.get("/api/orders/" + (u * 10 + 1 + random.nextInt(3)));
                } else if (pick < 17) {
                    req.get("/api/products/" + (100 + random.nextInt(200)));
                } else {
                    req.method("PATCH", "/api/profile").body("{\"displayName\":\"U" + u + "\",\"bio\":\"hello\","
                            + "\"address\":{\"city\":\"Lyon\"}}").responseBody("{\"displayName\":\"U" + u + "\"}");
                }
                out.add(req.build());
            }
        }
        return out;
    }

    /** Reads one order of each benign user, once each: ids it does not own, too few for enumeration. */
    static List<HttpExchange> foreignReader(long start) {
        List<HttpExchange> out = new ArrayList<>();
        for (int u = 0; u < 15; u++) {
            out.add(Traffic.from("203.0.113.50").jwt("ee".repeat(16), "RS256", "mallory")
                    .get("/api/orders/" + (u * 10 + 1)).at(start + u * 20 * SECOND).build());
        }
        return out;
    }

    /** Reads the orders the benign users created (and never read): foreign only because their creators own them. */
    static List<HttpExchange> createdOrderReader(long start) {
        List<HttpExchange> out = new ArrayList<>();
        for (int u = 0; u < 15; u++) {
            out.add(Traffic.from("203.0.113.70").jwt("ef".repeat(16), "RS256", "trudy")
                    .get("/api/orders/" + (9000 + u)).at(start + u * 20 * SECOND).build());
        }
        return out;
    }

    /** Thirty addresses of one tool, two failed accounts each, one attempt every 2 minutes. */
    static List<HttpExchange> distributedStuffing(long start) {
        List<HttpExchange> out = new ArrayList<>();
        long t = start;
        for (int i = 0; i < 30; i++) {
            for (int k = 0; k < 2; k++) {
                t += 2 * MINUTE;
                out.add(Traffic.from("198.51.100." + (100 + i)).agent("python-requests/2.32")
                        .signIn("victim" + (i * 2 + k), String.format("%032x", 9000L + i * 2 + k)).status(401).at(t).build());
            }
        }
        return out;
    }

    @Test
    void crossActorAttacksGetTheirIncidentsAndBenignUsersNone() {
        List<HttpExchange> traffic = new ArrayList<>(benign());
        traffic.addAll(foreignReader(T0 + 70 * MINUTE));
        traffic.addAll(createdOrderReader(T0 + 80 * MINUTE));
        traffic.add(Traffic.from("203.0.113.60").jwt("ab".repeat(16), "RS256", "eve").method("PATCH", "/api/profile")
                .body("{\"displayName\":\"E\",\"role\":\"admin\"}").responseBody("{\"displayName\":\"E\",\"role\":\"admin\"}")
                .at(T0 + 100 * MINUTE).build());
        String[] hops = {"192.0.2.200", "203.0.113.201", "192.0.2.200", "203.0.113.201"};
        for (int i = 0; i < hops.length; i++) {
            traffic.add(Traffic.from(hops[i]).jwt("cd".repeat(16), "RS256", "victor").get("/api/me")
                    .at(T0 + 30 * MINUTE + i * 40 * SECOND).build());
        }
        traffic.addAll(distributedStuffing(T0 + 5 * MINUTE));
        traffic.sort(Comparator.comparingLong(e -> e.timings().requestStartMicros()));
        traffic.forEach(e -> exchanges.pipeInput(e.serviceKey(), e, Instant.ofEpochMilli(e.timings().requestStartMicros() / 1000)));

        Map<String, Incident> latest = DetectionTopologyTest.latestByActor(incidents.readValuesToList());
        String campaign = latest.keySet().stream().filter(k -> k.startsWith("campaign:")).findFirst().orElseThrow();
        assertThat(latest).containsOnlyKeys("user:mallory", "user:trudy", "user:eve", "user:victor", campaign);
        assertThat(latest.get("user:trudy").types()).containsExactly("BOLA_FOREIGN_OBJECTS");
        assertThat(latest.get("user:mallory").types()).containsExactly("BOLA_FOREIGN_OBJECTS");
        assertThat(latest.get("user:mallory").outcome()).isEqualTo(Outcome.LIKELY_SUCCESS);
        assertThat(latest.get("user:eve").types()).containsExactly("MASS_ASSIGNMENT");
        assertThat(latest.get("user:eve").outcome()).isEqualTo(Outcome.LIKELY_SUCCESS);
        assertThat(latest.get("user:victor").types()).containsExactly("SESSION_HIJACK");
        Incident stuffing = latest.get(campaign);
        assertThat(stuffing.types()).containsExactly("DISTRIBUTED_CREDENTIAL_STUFFING");
        assertThat(stuffing.actor().addresses()).extracting(ActorAddress::ip).hasSizeGreaterThanOrEqualTo(8)
                .allMatch(ip -> ip.startsWith("198.51.100."));

        List<Signal> all = signals.readValuesToList();
        assertThat(all).filteredOn(s -> s.type().equals("BOLA_FOREIGN_OBJECTS")).first()
                .satisfies(s -> assertThat(s.explanation()).contains("GET /api/orders/{id}").contains("threshold"));
        assertThat(all).filteredOn(s -> s.actorId().equals("user:trudy")).singleElement()
                .satisfies(s -> assertThat(s.explanation()).contains("the owner created it"));
        assertThat(all).noneMatch(s -> s.actorId().startsWith("user:user"));
    }

    /**
     * The schemas live in memory between commits; the store (and its changelog, which a restart or a moved task reads)
     * must hold them once the task commits. The test driver commits after every record (and wipes its state directory
     * on close, so a restart is checked on a real broker by {@code DetectionStreamsIntegrationTest}, not here).
     */
    @Test
    void requestSchemasLearnedInMemoryReachTheStoreWhenTheTaskCommits() {
        List<HttpExchange> traffic = new ArrayList<>(benign());
        traffic.sort(Comparator.comparingLong(e -> e.timings().requestStartMicros()));
        traffic.forEach(e -> exchanges.pipeInput(e.serviceKey(), e, Instant.ofEpochMilli(e.timings().requestStartMicros() / 1000)));
        KeyValueStore<String, byte[]> stored = driver.getKeyValueStore(DetectionTopology.SCHEMAS_STORE);
        List<String> keys = new ArrayList<>();
        try (KeyValueIterator<String, byte[]> all = stored.all()) {
            all.forEachRemaining(kv -> keys.add(kv.key));
        }
        assertThat(keys).anyMatch(k -> k.endsWith("|PATCH|/api/profile")).anyMatch(k -> k.endsWith("|POST|/api/orders"));
    }
}
