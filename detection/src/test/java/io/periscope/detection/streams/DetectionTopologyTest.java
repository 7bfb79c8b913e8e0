package io.periscope.detection.streams;

import io.periscope.detection.Scenario;
import io.periscope.events.detection.DetectionFeedback;
import io.periscope.events.detection.Incident;
import io.periscope.events.detection.IncidentChange;
import io.periscope.events.detection.IncidentStatus;
import io.periscope.events.detection.Signal;
import io.periscope.events.detection.Verdict;
import io.periscope.events.http.HttpExchange;
import io.periscope.events.kafka.JsonSerde;
import io.periscope.events.kafka.Topics;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

class DetectionTopologyTest {
    static final long T0 = Instant.parse("2026-11-02T09:00:00Z").toEpochMilli() * 1000;
    static final long SECOND = 1_000_000;

    @TempDir
    Path stateDir;
    TopologyTestDriver driver;
    TestInputTopic<String, HttpExchange> exchanges;
    TestInputTopic<String, DetectionFeedback> feedback;
    TestOutputTopic<String, Incident> incidents;
    TestOutputTopic<String, Signal> signals;

    @BeforeEach
    void start() {
        driver = DetectionDrivers.defaults("detection-test", stateDir);
        exchanges = driver.createInputTopic(Topics.EXCHANGES, new StringSerializer(), JsonSerde.of(HttpExchange.class));
        feedback = driver.createInputTopic(Topics.DETECTION_FEEDBACK, new StringSerializer(),
                JsonSerde.of(DetectionFeedback.class));
        incidents = driver.createOutputTopic(Topics.INCIDENTS, new StringDeserializer(), JsonSerde.of(Incident.class));
        signals = driver.createOutputTopic(Topics.SIGNALS, new StringDeserializer(), JsonSerde.of(Signal.class));
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    @Test
    void attackersGetIncidentsOfTheirTypeAndBenignUsersNone() {
        List<HttpExchange> traffic = new ArrayList<>(Scenario.benignUsers(20, T0, 30 * 60));
        traffic.addAll(Scenario.bolaAttacker("203.0.113.50", "mallory", T0 + 300 * SECOND));
        traffic.addAll(Scenario.bruteForcer("198.51.100.66", T0 + 600 * SECOND));
        pipe(traffic);

        Map<String, Incident> latest = latestByActor(incidents.readValuesToList());
        assertThat(latest).containsOnlyKeys("user:mallory", "ip:198.51.100.66");
        assertThat(latest.get("user:mallory").types()).contains("BOLA");
        assertThat(latest.get("user:mallory").actor().addresses()).extracting(a -> a.ip()).contains("203.0.113.50");
        assertThat(latest.get("ip:198.51.100.66").types()).contains("BRUTE_FORCE", "CREDENTIAL_STUFFING");
        assertThat(latest.get("ip:198.51.100.66").verdict()).isEqualTo(Verdict.BLOCK);
    }

    @Test
    void oneIncidentPerCampaignWithGrowingVersionsNotOnePerRequest() {
        pipe(Scenario.bolaAttacker("203.0.113.50", "mallory", T0));
        List<Incident> versions = incidents.readValuesToList();
        assertThat(versions).extracting(Incident::id).containsOnly(versions.get(0).id());
        assertThat(versions).extracting(Incident::version).isSorted().doesNotHaveDuplicates();
        assertThat(versions.get(0).change()).isEqualTo(IncidentChange.OPENED);
        assertThat(versions.size()).isLessThan(10);
    }

    @Test
    void whenTrafficStopsTheIncidentsLatestRequestCountIsPublishedOnWallClockTime() {
        List<HttpExchange> attack = Scenario.bruteForcer("198.51.100.66", T0);
        pipe(attack);
        Incident beforeQuiet = last(incidents.readValuesToList());

        // no more traffic: stream time stands still, the wall clock does not
        driver.advanceWallClockTime(Duration.ofSeconds(ActorProcessor.TICK_SECONDS + 1));
        List<Incident> after = incidents.readValuesToList();
        assertThat(after).hasSize(1);
        Incident latest = after.get(0);
        assertThat(latest.id()).isEqualTo(beforeQuiet.id());
        assertThat(latest.version()).isEqualTo(beforeQuiet.version() + 1);
        assertThat(latest.change()).isEqualTo(IncidentChange.UPDATED);
        // every request of the attack, the run-up before the incident opened included
        assertThat(latest.requestCount()).isEqualTo(attack.size());

        driver.advanceWallClockTime(Duration.ofSeconds(ActorProcessor.TICK_SECONDS + 1));
        assertThat(incidents.readValuesToList()).as("nothing new, nothing published").isEmpty();
    }

    @Test
    void anIncidentResolvesAfterTheQuietPeriodAndReopensWhenTheActorResumes() {
        pipe(Scenario.bruteForcer("198.51.100.66", T0));
        // quiet: a benign user's traffic moves stream time 40 minutes on
        pipe(Scenario.benignUsers(1, T0 + 40 * 60 * SECOND, 120));
        List<Incident> versions = incidents.readValuesToList();
        Incident last = versions.get(versions.size() - 1);
        assertThat(last.status()).isEqualTo(IncidentStatus.RESOLVED);
        assertThat(last.change()).isEqualTo(IncidentChange.RESOLVED);

        pipe(Scenario.bruteForcer("198.51.100.66", T0 + 50 * 60 * SECOND));
        List<Incident> resumed = incidents.readValuesToList();
        assertThat(resumed.get(0).id()).isEqualTo(last.id());
        assertThat(resumed.get(0).change()).isEqualTo(IncidentChange.REOPENED);
        assertThat(resumed.get(0).version()).isEqualTo(last.version() + 1);
    }

    @Test
    void aTrustedActorOpensNoIncidentAndADismissedIncidentIsPublishedBenign() {
        pipe(Scenario.bolaAttacker("203.0.113.50", "mallory", T0));
        Incident opened = incidents.readValuesToList().get(0);
        feedback.pipeInput(opened.id(), new DetectionFeedback(1, DetectionFeedback.Action.DISMISS, "user:mallory",
                opened.id(), "admin", "pen test", T0), Instant.ofEpochMilli(T0 / 1000));
        Incident dismissed = last(incidents.readValuesToList());
        assertThat(dismissed.status()).isEqualTo(IncidentStatus.DISMISSED);
        assertThat(dismissed.verdict()).isEqualTo(Verdict.BENIGN);

        feedback.pipeInput("ip:198.51.100.66", new DetectionFeedback(1, DetectionFeedback.Action.TRUST, "ip:198.51.100.66",
                null, "admin", "our scanner", T0), Instant.ofEpochMilli(T0 / 1000));
        pipe(Scenario.bruteForcer("198.51.100.66", T0 + SECOND));
        assertThat(incidents.readValuesToList()).isEmpty();
        assertThat(signals.readValuesToList()).noneMatch(s -> s.actorId().equals("ip:198.51.100.66"));
    }

    @Test
    void signalIdsAreStableForTheSameTraffic() {
        List<HttpExchange> attack = Scenario.bruteForcer("198.51.100.66", T0);
        pipe(attack);
        Set<String> first = signals.readValuesToList().stream().map(Signal::id).collect(Collectors.toSet());
        assertThat(first).isNotEmpty();
        // the same detections, computed again by a fresh actor state, carry the same ids
        driver.close();
        start2();
        pipe(attack);
        Set<String> second = signals.readValuesToList().stream().map(Signal::id).collect(Collectors.toSet());
        assertThat(second).isEqualTo(first);
    }

    @Test
    void actorStateIsInTheStoreAfterEachCommitThoughItIsCachedBetweenCommits() {
        // the test driver commits after every record: the commit hook has written the actor by then
        pipe(Scenario.bolaAttacker("203.0.113.50", "mallory", T0));
        KeyValueStore<String, byte[]> actors = driver.getKeyValueStore(DetectionTopology.ACTORS_STORE);
        ActorState stored = StateCodec.actor(actors.get("user:mallory"));
        assertThat(stored).isNotNull();
        assertThat(stored.incident.open()).isTrue();
        assertThat(stored.lastSeenMicros).isGreaterThan(T0);
    }

    private void start2() {
        driver = DetectionDrivers.defaults("detection-test-2", stateDir.resolve("second"));
        exchanges = driver.createInputTopic(Topics.EXCHANGES, new StringSerializer(), JsonSerde.of(HttpExchange.class));
        incidents = driver.createOutputTopic(Topics.INCIDENTS, new StringDeserializer(), JsonSerde.of(Incident.class));
        signals = driver.createOutputTopic(Topics.SIGNALS, new StringDeserializer(), JsonSerde.of(Signal.class));
    }

    private void pipe(List<HttpExchange> traffic) {
        traffic.stream().sorted(Comparator.comparingLong(e -> e.timings().requestStartMicros()))
                .forEach(e -> exchanges.pipeInput(e.serviceKey(), e,
                        Instant.ofEpochMilli(e.timings().requestStartMicros() / 1000)));
    }

    private static Incident last(List<Incident> versions) {
        return versions.get(versions.size() - 1);
    }

    static Map<String, Incident> latestByActor(List<Incident> versions) {
        Map<String, Incident> latest = new TreeMap<>();
        for (Incident i : versions) {
            latest.merge(i.actor().id(), i, (a, b) -> b.version() >= a.version() ? b : a);
        }
        return latest;
    }
}
