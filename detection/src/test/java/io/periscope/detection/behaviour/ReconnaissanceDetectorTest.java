package io.periscope.detection.behaviour;

import io.periscope.events.detection.Severity;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.periscope.detection.behaviour.Obs.SECOND;
import static org.assertj.core.api.Assertions.assertThat;

class ReconnaissanceDetectorTest {

    @Test
    void forcedBrowsingOfManyMissingPathsIsReconnaissance() {
        DetectorHarness h = new DetectorHarness();
        List<String> words = List.of("admin", "backup", "config", ".env", ".git", "wp-admin", "phpmyadmin", "server-status",
                "debug", "console", "actuator", "swagger", "api-docs", "old", "test", "dev", "staging", "tmp", "logs",
                "db", "sql", "dump", "private", "secret", "internal", "metrics", "health2");
        long t = 0;
        for (String w : words) {
            h.feed(Obs.at(t += SECOND / 10).get("/" + w, 404));
        }
        assertThat(h.types()).containsExactly(BehaviourType.RECONNAISSANCE);
    }

    @Test
    void aScannerUserAgentIsReconnaissanceOfMediumSeverityFromTheFirstRequest() {
        DetectorHarness h = new DetectorHarness();
        h.feed(Obs.at(0).get("/", 200).agent("sqlmap/1.8.4#stable (https://sqlmap.org)"));
        assertThat(h.findings).singleElement().satisfies(f -> {
            assertThat(f.type()).isEqualTo(BehaviourType.RECONNAISSANCE);
            assertThat(f.severity()).isEqualTo(Severity.MEDIUM);
            assertThat(f.metric()).contains("sqlmap");
        });
    }

    @Test
    void probingMethodsThatAreRefusedIsReconnaissance() {
        DetectorHarness h = new DetectorHarness();
        long t = 0;
        for (String m : List.of("PUT", "DELETE", "PATCH", "TRACE", "PROPFIND")) {
            h.feed(Obs.at(t += SECOND).call(m, "/api/products", 405));
        }
        assertThat(h.types()).containsExactly(BehaviourType.RECONNAISSANCE);
    }

    @Test
    void aFewBrokenLinksAreNotReconnaissance() {
        DetectorHarness h = new DetectorHarness();
        for (int i = 0; i < 200; i++) {
            h.feed(Obs.at(i * 10 * SECOND).get(i % 20 == 0 ? "/img/missing" + (i % 3) + ".png" : "/api/products", i % 20 == 0 ? 404 : 200));
        }
        assertThat(h.findings).isEmpty();
    }
}
