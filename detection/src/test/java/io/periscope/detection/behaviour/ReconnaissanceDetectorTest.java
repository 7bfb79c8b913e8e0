package io.periscope.detection.behaviour;

import io.periscope.events.detection.Outcome;
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
        assertThat(h.types()).containsOnly(BehaviourType.RECONNAISSANCE);
        assertThat(h.findings).anyMatch(f -> f.metric().equals("distinct paths answered 404"));
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

    @Test
    void aRequestForASecretFileOfTheWebRootIsAReconnaissanceProbeFromTheFirstRequest() {
        for (String path : List.of("/.env", "/admin/.env", "/.git/config", "/.aws/credentials", "/wp-config.php.bak",
                "/.htaccess", "/WEB-INF/web.xml")) {
            DetectorHarness h = new DetectorHarness();
            h.feed(Obs.at(0).get(path, 404));
            assertThat(h.findings).as(path).singleElement().satisfies(f -> {
                assertThat(f.type()).isEqualTo(BehaviourType.RECONNAISSANCE);
                assertThat(f.outcome()).isEqualTo(Outcome.PROBE);
                assertThat(f.severity()).isEqualTo(Severity.LOW);
                assertThat(f.metric()).contains("secret files");
            });
        }
    }

    @Test
    void aSecretFileTheServerAnsweredWith2xxIsALikelyLeakOfHighSeverityReportedOncePerOutcome() {
        DetectorHarness h = new DetectorHarness();
        h.feed(Obs.at(0).get("/.env", 404));
        h.feed(Obs.at(SECOND).get("/.env.bak", 404));
        h.feed(Obs.at(2 * SECOND).get("/.git/config", 200));
        h.feed(Obs.at(3 * SECOND).get("/.git/HEAD", 200));
        assertThat(h.findings).extracting(Finding::outcome).containsExactly(Outcome.PROBE, Outcome.LIKELY_SUCCESS);
        assertThat(h.findings.get(1).severity()).isEqualTo(Severity.HIGH);
    }

    @Test
    void pathsThatOnlyContainTheNamesOfSecretFilesAreNotProbes() {
        DetectorHarness h = new DetectorHarness();
        long t = 0;
        for (String path : List.of("/api/v1/environments", "/docs/my.env", "/api/github/config", "/api/settings",
                "/static/app.js", "/api/v1/credentials/rotate", "/blog/why-we-left-git")) {
            h.feed(Obs.at(t += SECOND).get(path, 200));
        }
        assertThat(h.findings).isEmpty();
    }
}
