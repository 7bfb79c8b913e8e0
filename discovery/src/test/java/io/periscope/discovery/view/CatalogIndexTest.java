package io.periscope.discovery.view;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.periscope.events.catalog.CatalogChange;
import io.periscope.events.catalog.ChangeType;
import io.periscope.events.catalog.EndpointSnapshot;
import io.periscope.events.catalog.FindingType;
import io.periscope.events.catalog.ParameterLocation;
import io.periscope.events.catalog.PostureFinding;
import io.periscope.events.catalog.ProbedPath;
import io.periscope.events.catalog.SensitiveDataInfo;
import io.periscope.events.catalog.TrafficStats;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CatalogIndexTest {
    private static final int SERVICES = 10;
    private static final int PER_SERVICE = 1000;
    private final CatalogIndex index = new CatalogIndex(100);

    static EndpointSnapshot endpoint(int service, int i) {
        String key = "prod|svc" + service + ".example.test";
        String id = "e-" + service + "-" + i;
        boolean unauth = i % 10 == 0;
        List<SensitiveDataInfo> sens = i % 7 == 0
                ? List.of(new SensitiveDataInfo("email", ParameterLocation.RESPONSE_BODY, "$.email", 3, 0.9, "a***@example.org"))
                : List.of();
        List<PostureFinding> findings = unauth && !sens.isEmpty()
                ? List.of(new PostureFinding(1, "f-" + id, FindingType.SENSITIVE_DATA_WITHOUT_AUTH, "high", key, id, "GET",
                        "/r" + i, "RESPONSE_BODY $.email email", "$.email=a***@example.org", "fix", 1, i, i))
                : List.of();
        TrafficStats t = new TrafficStats(i, Map.of("200", (long) i), Map.of("2xx", (long) i), 1, 2, 3, 4, "", TrafficStats.SizeStats.EMPTY,
                TrafficStats.SizeStats.EMPTY, 1, null, Map.of(), Map.of(), Map.of(), unauth ? 1 : 0);
        return new EndpointSnapshot(1, id, key, "prod", "svc" + service + ".example.test", i % 2 == 0 ? "GET" : "POST",
                "/api/resource" + i + "/{id}", 1_000L * i, 2_000L * i, false, t, List.of(), sens, findings, Map.of(), Map.of(), List.of());
    }

    @BeforeEach
    void fill() {
        for (int s = 0; s < SERVICES; s++) {
            for (int i = 0; i < PER_SERVICE; i++) {
                index.putEndpoint(endpoint(s, i));
            }
        }
    }

    private static EndpointQuery q(String service, String method, String path, String sensitive, Boolean unauth, FindingType f,
                                   Long since, EndpointQuery.Sort sort, boolean desc, int offset, int limit) {
        return new EndpointQuery(service, method, path, sensitive, unauth, f, since, sort, desc, offset, limit);
    }

    @Test
    void filtersCombineOverTenThousandEndpoints() {
        assertThat(index.endpointCount()).isEqualTo(10_000);
        assertThat(index.endpoints(q("prod|svc3.example.test", null, null, null, null, null, null, null, false, 0, 10)).total()).isEqualTo(1000);
        assertThat(index.endpoints(q("prod|svc3.example.test", "get", null, null, null, null, null, null, false, 0, 10)).total()).isEqualTo(500);
        assertThat(index.endpoints(q(null, null, "RESOURCE99/", null, null, null, null, null, false, 0, 10)).total()).isEqualTo(10);
        // multiples of 7 carry e-mail; multiples of 10 were called without credentials; both: multiples of 70
        assertThat(index.endpoints(q(null, null, null, "email", null, null, null, null, false, 0, 10)).total()).isEqualTo(143 * 10);
        assertThat(index.endpoints(q(null, null, null, null, true, null, null, null, false, 0, 10)).total()).isEqualTo(100 * 10);
        assertThat(index.endpoints(q(null, null, null, null, false, null, null, null, false, 0, 10)).total()).isEqualTo(900 * 10);
        assertThat(index.endpoints(q(null, null, null, null, null, FindingType.SENSITIVE_DATA_WITHOUT_AUTH, null, null, false, 0, 10)).total())
                .isEqualTo(15 * 10);
        assertThat(index.endpoints(q(null, null, null, null, null, null, 990_000L, null, false, 0, 10)).total()).isEqualTo(10 * 10);
    }

    @Test
    void sortingAndPagingAreStableAndCoverEveryMatchOnce() {
        Set<String> seen = new HashSet<>();
        List<Long> calls = new ArrayList<>();
        for (int offset = 0; offset < 1000; offset += 300) {
            Page<EndpointSummary> page = index.endpoints(q("prod|svc1.example.test", null, null, null, null, null, null,
                    EndpointQuery.Sort.CALLS, true, offset, 300));
            assertThat(page.total()).isEqualTo(1000);
            for (EndpointSummary e : page.items()) {
                assertThat(seen.add(e.endpointId())).isTrue();
                calls.add(e.calls());
            }
        }
        assertThat(seen).hasSize(1000);
        assertThat(calls).isSortedAccordingTo((a, b) -> Long.compare(b, a));
        assertThat(index.endpoints(q(null, null, null, null, null, null, null, EndpointQuery.Sort.PATH, false, 9_995, 10)).items()).hasSize(5);
    }

    @Test
    void servicesAggregateTheirEndpointsAndCountOpenFindingsOfEndpointsAndOfTheServiceAlike() {
        for (int i = 0; i < PER_SERVICE; i++) {
            endpoint(0, i).findings().forEach(index::putFinding);
        }
        index.putFinding(new PostureFinding(1, "f-service", FindingType.CONTENT_DISCOVERY_PROBES, "low", "prod|svc0.example.test", "",
                "", "", "client 203.0.113.9", "at least 20 answers", "fix", 3, 1, 1));
        index.putProbedPath(new ProbedPath(1, "p-1", "prod|svc0.example.test", "prod", "svc0.example.test", "GET", "/.env", 3,
                Map.of("404", 3L), 1, null, List.of(new ProbedPath.ClientCount("203.0.113.9", 3)), 1, 1));
        assertThat(index.openFindings("prod|svc0.example.test")).hasSize(16);
        assertThat(index.services()).hasSize(SERVICES).first().satisfies(s -> {
            assertThat(s.serviceKey()).isEqualTo("prod|svc0.example.test");
            assertThat(s.endpoints()).isEqualTo(1000);
            assertThat(s.calls()).isEqualTo(999L * 1000 / 2);
            assertThat(s.findings()).isEqualTo(16);
            assertThat(s.probedPaths()).isEqualTo(1);
        });
    }

    private static PostureFinding finding(String id, String endpointId) {
        return new PostureFinding(1, id, FindingType.CREDENTIAL_IN_URL, "high", "prod|svc0.example.test", endpointId, "GET", "/r",
                "QUERY api_key", "api_key=[redacted ApiKey]", "fix", 1, 1, 1);
    }

    @Test
    void findingsWhoseEndpointIsNotInTheCatalogAreNeverReported() {
        index.putFinding(finding("f-live", "e-0-1"));
        index.putFinding(finding("f-orphan", "merged-away"));
        assertThat(index.openFindings(null)).extracting(PostureFinding::id).containsExactly("f-live");
        assertThat(index.findings("merged-away")).isEmpty();

        index.removeEndpoint("e-0-1");
        assertThat(index.openFindings(null)).isEmpty();
        index.putEndpoint(endpoint(0, 1));
        assertThat(index.findings("e-0-1")).extracting(PostureFinding::id).containsExactly("f-live");
        index.removeFinding("f-live");
        assertThat(index.openFindings(null)).isEmpty();
    }

    @Test
    void probedPathsArePagedPerServiceMostCalledFirst() {
        for (int i = 0; i < 30; i++) {
            index.putProbedPath(new ProbedPath(1, "p-" + i, "prod|svc" + (i % 2) + ".example.test", "prod", "svc.example.test", "GET",
                    "/probe-" + i, i, Map.of("404", (long) i), 1, null, List.of(), i, i));
        }
        Page<ProbedPath> page = index.probedPaths(new ProbedPathQuery("prod|svc1.example.test", null, true, 0, 5));
        assertThat(page.total()).isEqualTo(15);
        assertThat(page.items()).extracting(ProbedPath::calls).containsExactly(29L, 27L, 25L, 23L, 21L);
        index.removeProbedPath("p-29");
        assertThat(index.probedPaths(new ProbedPathQuery("prod|svc1.example.test", ProbedPathQuery.Sort.PATH, false, 0, 500))
                .items()).extracting(ProbedPath::pathTemplate).startsWith("/probe-1", "/probe-11").doesNotContain("/probe-29");
    }

    @Test
    void tombstonesRemoveEndpointsAndTheChangeFeedKeepsTheNewest() {
        index.removeEndpoint("e-0-0");
        assertThat(index.endpoint("e-0-0")).isEmpty();
        for (int i = 0; i < 150; i++) {
            index.addChange(new CatalogChange(1, "c" + i, ChangeType.NEW_ENDPOINT, "prod|svc" + (i % 2) + ".example.test", "e", "GET", "/x",
                    "s", null, "a", i));
        }
        Page<CatalogChange> page = index.changes(null, 0, 10);
        assertThat(page.total()).isEqualTo(100);
        assertThat(page.items()).extracting(CatalogChange::atMicros).startsWith(149L, 148L);
        assertThat(index.changes("prod|svc1.example.test", 0, 500).items()).allMatch(c -> c.atMicros() % 2 == 1);
        assertThatThrownBy(() -> index.changes(null, 0, 501)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> q(null, null, null, null, null, null, null, null, false, -1, 10)).hasMessageContaining("offset");
    }
}
