package io.periscope.discovery.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.periscope.discovery.template.TrailingSlash;
import io.periscope.discovery.testing.ExchangeBuilder;
import io.periscope.discovery.testing.RecordingOutput;
import io.periscope.discovery.testing.TestConfigs;
import io.periscope.events.catalog.EndpointSnapshot;
import io.periscope.events.catalog.FindingType;
import io.periscope.events.catalog.PostureFinding;
import java.time.InstantSource;
import org.junit.jupiter.api.Test;

class PathNormalisationCatalogTest {
    private static final long NOW = 1_700_000_100_000_000L;
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final RecordingOutput out = new RecordingOutput();

    private CatalogEngine engine(DiscoveryConfig config) {
        return new CatalogEngine(config, new DiscoveryMetrics(registry), InstantSource.system());
    }

    private static void get(CatalogEngine engine, RecordingOutput out, String target) {
        engine.accept(ExchangeBuilder.request("GET", target).respondJson("{\"id\":42,\"name\":\"ada\"}").build(), out);
    }

    private double dropped(String reason) {
        return registry.get("periscope.discovery.exchanges").tag("reason", reason).counter().count();
    }

    @Test
    void spellingsOfOnePathLandOnOneEndpoint() {
        CatalogEngine engine = engine(DiscoveryConfig.defaults());
        for (String target : new String[] {"/api/users/42", "/api/users/../users/42", "//api/users/42", "/api/users/42/",
                "/api/%75sers/./42", "/api/users/%2e%2e/users/42?x=1"}) {
            get(engine, out, target);
        }
        engine.flush(NOW, out);
        assertThat(out.endpoints.values()).singleElement().satisfies(s -> {
            assertThat(s.pathTemplate()).isEqualTo("/api/users/{userId}");
            assertThat(s.traffic().calls()).isEqualTo(6);
            CatalogInvariants.assertValid(s);
        });
        assertThat(out.findings.values()).noneMatch(f -> f.type() == FindingType.PATH_TRAVERSAL_ATTEMPT);
    }

    @Test
    void aPathThatClimbsAboveTheRootIsAFindingOfTheServiceNotAnEndpoint() {
        CatalogEngine engine = engine(DiscoveryConfig.defaults());
        get(engine, out, "/api/users/42");
        for (int i = 0; i < 3; i++) {
            get(engine, out, "/api/../../etc/passwd?token=s3cr3t");
        }
        get(engine, out, "/%2e%2e/%2e%2e/windows/win.ini");
        engine.flush(NOW, out);

        assertThat(out.endpoints.values()).extracting(EndpointSnapshot::pathTemplate).containsExactly("/api/users/{userId}");
        assertThat(out.findings.values()).filteredOn(f -> f.type() == FindingType.PATH_TRAVERSAL_ATTEMPT).singleElement()
                .satisfies(f -> {
                    assertThat(f.count()).isEqualTo(4);
                    assertThat(f.evidence()).isEqualTo("/api/../../etc/passwd");
                    assertThat(f.endpointId()).isEmpty();
                    assertThat(f.serviceKey()).isEqualTo(out.endpoints.values().iterator().next().serviceKey());
                });
        assertThat(dropped("path_traversal")).isEqualTo(4);
        assertThat(registry.get("periscope.discovery.findings").tag("type", "PATH_TRAVERSAL_ATTEMPT").counter().count())
                .isEqualTo(1);
    }

    @Test
    void theTraversalFindingSurvivesARestoreOfTheServiceState() {
        CatalogEngine engine = engine(DiscoveryConfig.defaults());
        get(engine, out, "/../etc/passwd");
        engine.flush(NOW, out);
        assertThat(out.services.values()).singleElement().satisfies(s -> assertThat(s.findings()).hasSize(1));

        CatalogEngine restored = engine(DiscoveryConfig.defaults());
        out.services.values().forEach(restored::restoreService);
        RecordingOutput after = new RecordingOutput();
        get(restored, after, "/a/../../etc/shadow");
        restored.flush(NOW, after);
        assertThat(after.findings.values()).singleElement().satisfies(f -> {
            assertThat(f.count()).isEqualTo(2);
            assertThat(f.evidence()).isEqualTo("/../etc/passwd");
        });
    }

    @Test
    void keepingTrailingSlashesMakesThemAnotherEndpoint() {
        CatalogEngine engine = engine(TestConfigs.trailingSlash(TrailingSlash.KEEP));
        get(engine, out, "/api/users/42");
        get(engine, out, "/api/users//42//");
        get(engine, out, "/api/users/42/.");
        engine.flush(NOW, out);
        assertThat(out.endpoints.values()).extracting(EndpointSnapshot::pathTemplate)
                .containsExactlyInAnyOrder("/api/users/{userId}", "/api/users/{userId}/");
        assertThat(out.endpoints.values()).filteredOn(s -> s.pathTemplate().endsWith("/")).singleElement()
                .satisfies(s -> assertThat(s.traffic().calls()).isEqualTo(2));
    }

    @Test
    void anOverlongPathIsDroppedAndCounted() {
        CatalogEngine engine = engine(DiscoveryConfig.defaults());
        get(engine, out, "/" + "a/".repeat(40_000));
        engine.flush(NOW, out);
        assertThat(out.endpoints).isEmpty();
        assertThat(dropped("path_too_long")).isEqualTo(1);
    }

    @Test
    void traversalEvidenceIsCutAndMasked() {
        CatalogEngine engine = engine(DiscoveryConfig.defaults());
        get(engine, out, "/../accounts/12345678/" + "x".repeat(500));
        engine.flush(NOW, out);
        PostureFinding f = out.findings.values().iterator().next();
        assertThat(f.evidence()).startsWith("/../accounts/********/").endsWith("...").hasSize(163);
    }
}
