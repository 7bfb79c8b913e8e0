package io.periscope.discovery.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.periscope.discovery.testing.ExchangeBuilder;
import io.periscope.discovery.testing.RecordingOutput;
import io.periscope.discovery.testing.TestConfigs;
import io.periscope.events.catalog.EndpointSnapshot;
import io.periscope.events.catalog.FindingType;
import io.periscope.events.catalog.ProbedPath;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ProbedPathsCatalogTest {
    private static final long T0 = 1_700_000_000_000_000L;
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final RecordingOutput out = new RecordingOutput();

    private CatalogEngine engine(DiscoveryConfig config) {
        return new CatalogEngine(config, new DiscoveryMetrics(registry), InstantSource.system());
    }

    private static ExchangeBuilder call(String method, String path, int status, String client, long at) {
        return ExchangeBuilder.request(method, path).status(status).client(client).at(at);
    }

    private ProbedPath probed(String method, String template) {
        return out.probedPaths.values().stream().filter(p -> p.method().equals(method) && p.pathTemplate().equals(template))
                .findFirst().orElseThrow(() -> new AssertionError("no probed path " + method + " " + template + " in "
                        + out.probedPaths.values().stream().map(p -> p.method() + " " + p.pathTemplate()).toList()));
    }

    @Test
    void aPathThatOnlyEverAnswered404Or405IsAProbedPathNotAnEndpoint() {
        CatalogEngine engine = engine(DiscoveryConfig.defaults());
        engine.accept(call("GET", "/api/orders", 200, "10.0.0.1", T0).respondJson("{\"items\":[]}").build(), out);
        engine.accept(call("GET", "/.env", 404, "203.0.113.9", T0 + 1).build(), out);
        engine.accept(call("GET", "/.env", 404, "203.0.113.9", T0 + 2).build(), out);
        engine.accept(call("GET", "/.env", 404, "198.51.100.7", T0 + 3).build(), out);
        engine.accept(call("POST", "/wp-admin", 405, "203.0.113.9", T0 + 4).build(), out);
        engine.flush(T0 + 10, out);

        assertThat(out.endpoints.values()).extracting(e -> e.method() + " " + e.pathTemplate()).containsExactly("GET /api/orders");
        assertThat(probed("GET", "/.env")).satisfies(p -> {
            assertThat(p.calls()).isEqualTo(3);
            assertThat(p.statusCodes()).containsExactlyEntriesOf(java.util.Map.of("404", 3L));
            assertThat(p.distinctClients()).isEqualTo(2);
            assertThat(p.topClients()).containsExactly(new ProbedPath.ClientCount("203.0.113.9", 2),
                    new ProbedPath.ClientCount("198.51.100.7", 1));
            assertThat(p.firstSeenMicros()).isEqualTo(T0 + 1);
            assertThat(p.lastSeenMicros()).isEqualTo(T0 + 3);
        });
        assertThat(probed("POST", "/wp-admin").calls()).isEqualTo(1);
        assertThat(registry.get("periscope.discovery.exchanges").tag("outcome", "probed").counter().count()).isEqualTo(4);
    }

    @Test
    void aProbedPathThatLaterAnswersJoinsTheCatalogWithItsHistory() {
        CatalogEngine engine = engine(DiscoveryConfig.defaults());
        engine.accept(call("GET", "/admin/export", 404, "203.0.113.9", T0).build(), out);
        engine.accept(call("GET", "/admin/export", 404, "203.0.113.8", T0 + 1).build(), out);
        engine.flush(T0 + 5, out);
        String probedId = probed("GET", "/admin/export").id();

        engine.accept(call("GET", "/admin/export", 403, "203.0.113.9", T0 + 10).build(), out);
        engine.flush(T0 + 20, out);

        assertThat(out.probedPaths).isEmpty();
        assertThat(out.removedProbedPaths).containsExactly(probedId);
        EndpointSnapshot e = out.endpoint("GET", "/admin/export");
        assertThat(e.traffic().calls()).isEqualTo(3);
        assertThat(e.traffic().statusCodes()).containsEntry("404", 2L).containsEntry("403", 1L);
        assertThat(e.traffic().distinctClients()).isEqualTo(2);
        assertThat(e.firstSeenMicros()).isEqualTo(T0);
        assertThat(e.neverSucceeded()).isTrue();
        CatalogInvariants.assertValid(e);
    }

    @Test
    void anEndpointThatOnlyAnswered401Or403StaysFlaggedUntilACallSucceeds() {
        CatalogEngine engine = engine(DiscoveryConfig.defaults());
        engine.accept(call("DELETE", "/api/users/42", 401, "10.0.0.1", T0).build(), out);
        engine.flush(T0 + 1, out);
        assertThat(out.endpoint("DELETE", "/api/users/{userId}").neverSucceeded()).isTrue();

        engine.accept(call("DELETE", "/api/users/43", 204, "10.0.0.1", T0 + 2).build(), out);
        engine.flush(T0 + 3, out);
        assertThat(out.endpoint("DELETE", "/api/users/{userId}").neverSucceeded()).isFalse();
    }

    @Test
    void aNotFoundOnAKnownTemplateCountsOnTheEndpoint() {
        CatalogEngine engine = engine(DiscoveryConfig.defaults());
        engine.accept(call("GET", "/api/users/42", 200, "10.0.0.1", T0).respondJson("{\"id\":42}").build(), out);
        engine.accept(call("GET", "/api/users/999", 404, "10.0.0.1", T0 + 1).build(), out);
        engine.flush(T0 + 2, out);

        assertThat(out.probedPaths).isEmpty();
        assertThat(out.endpoint("GET", "/api/users/{userId}").traffic().calls()).isEqualTo(2);
    }

    @Test
    void aRequestWithoutAResponseSaysNothingAndIsCatalogedAsBefore() {
        CatalogEngine engine = engine(DiscoveryConfig.defaults());
        engine.accept(ExchangeBuilder.request("GET", "/api/reports/slow").noResponse().build(), out);
        engine.flush(T0, out);
        assertThat(out.probedPaths).isEmpty();
        assertThat(out.endpoint("GET", "/api/reports/slow").traffic().statusCodes()).containsEntry("none", 1L);
    }

    @Test
    void theNotFoundStatusesAreConfigurable() {
        CatalogEngine engine = engine(TestConfigs.probedPaths(new ProbedPathsConfig(Set.of(404, 410), 100, 20, Duration.ofMinutes(1))));
        engine.accept(call("GET", "/old", 410, "10.0.0.1", T0).build(), out);
        engine.accept(call("PUT", "/api/thing", 405, "10.0.0.1", T0).build(), out);
        engine.flush(T0 + 1, out);

        assertThat(out.probedPaths.values()).extracting(ProbedPath::pathTemplate).containsExactly("/old");
        assertThat(out.endpoints.values()).extracting(EndpointSnapshot::pathTemplate).containsExactly("/api/thing");
    }

    @Test
    void probedPathsAreBoundedPerServiceEvictingTheLeastRecentlyProbed() {
        CatalogEngine engine = engine(TestConfigs.probedPaths(new ProbedPathsConfig(null, 3, 1000, Duration.ofMinutes(1))));
        for (String p : new String[] {"/a", "/b", "/c"}) {
            engine.accept(call("GET", p, 404, "10.0.0.1", T0).build(), out);
        }
        engine.accept(call("GET", "/a", 404, "10.0.0.1", T0 + 1).build(), out);
        engine.flush(T0 + 2, out);
        String bId = probed("GET", "/b").id();
        engine.accept(call("GET", "/d", 404, "10.0.0.1", T0 + 3).build(), out);
        engine.flush(T0 + 4, out);

        assertThat(out.probedPaths.values()).extracting(ProbedPath::pathTemplate).containsExactlyInAnyOrder("/a", "/c", "/d");
        assertThat(out.removedProbedPaths).containsExactly(bId);
        assertThat(registry.get("periscope.discovery.capped").tag("what", "probed_path").counter().count()).isEqualTo(1);
    }

    @Test
    void aBurstOfProbesFromOneClientIsAContentDiscoveryFindingOfTheService() {
        CatalogEngine engine = engine(TestConfigs.probedPaths(new ProbedPathsConfig(null, 1000, 5, Duration.ofSeconds(10))));
        for (int i = 0; i < 6; i++) {
            engine.accept(call("GET", "/scan-" + i + ".php", 404, "203.0.113.9", T0 + i * 1_000_000L).build(), out);
        }
        // a client with a few stale links within the window, and one whose probes are spread out, raise nothing
        for (int i = 0; i < 4; i++) {
            engine.accept(call("GET", "/old-link-" + i, 404, "10.0.0.1", T0 + i).build(), out);
            engine.accept(call("GET", "/slow-" + i, 404, "10.0.0.2", T0 + i * 20_000_000L).build(), out);
        }
        engine.flush(T0 + 100_000_000L, out);

        assertThat(out.findings.values()).singleElement().satisfies(f -> {
            assertThat(f.type()).isEqualTo(FindingType.CONTENT_DISCOVERY_PROBES);
            assertThat(f.subject()).isEqualTo("client 203.0.113.9");
            assertThat(f.endpointId()).isEmpty();
            assertThat(f.count()).isEqualTo(2);
            assertThat(f.evidence()).contains("at least 5", "[404, 405]", "GET /scan-4.php");
        });
        assertThat(out.endpoints).isEmpty();
    }

    @Test
    void probedPathsSurviveARestoreAndAreNeverPromotedTwice() {
        CatalogEngine engine = engine(DiscoveryConfig.defaults());
        engine.accept(call("GET", "/backup.zip", 404, "203.0.113.9", T0).build(), out);
        java.util.List<ProbedPath> stored = new java.util.ArrayList<>();
        engine.persistPending(new StateSink() {
            @Override
            public void endpoint(EndpointSnapshot snapshot) {
            }

            @Override
            public void service(ServiceState state) {
            }

            @Override
            public void probedPath(ProbedPath path) {
                stored.add(path);
            }

            @Override
            public void probedPathRemoved(String probedPathId) {
            }
        });
        assertThat(stored).singleElement().satisfies(p -> assertThat(p.clientSketch()).isNotNull());

        CatalogEngine restored = engine(DiscoveryConfig.defaults());
        RecordingOutput after = new RecordingOutput();
        stored.forEach(restored::restoreProbedPath);
        restored.accept(call("GET", "/backup.zip", 200, "203.0.113.9", T0 + 5).respond("application/zip", "PK").build(), after);
        restored.flush(T0 + 10, after);

        assertThat(after.endpoint("GET", "/backup.zip").traffic().calls()).isEqualTo(2);
        assertThat(after.removedProbedPaths).containsExactly(stored.get(0).id());
        assertThat(after.probedPaths).isEmpty();
    }
}
