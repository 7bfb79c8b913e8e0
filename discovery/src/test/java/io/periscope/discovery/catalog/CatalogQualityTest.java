package io.periscope.discovery.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.periscope.discovery.openapi.OpenApiExporter;
import io.periscope.discovery.testing.LedgerApiTraffic;
import io.periscope.discovery.testing.RecordingOutput;
import io.periscope.events.catalog.EndpointSnapshot;
import io.periscope.events.catalog.FindingType;
import io.periscope.events.catalog.ProbedPath;
import io.periscope.events.catalog.SensitiveDataInfo;
import io.periscope.events.http.HttpExchange;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Catalog quality on a realistic API with scanner noise ({@link LedgerApiTraffic}): 21 real operations, 30 calls
 * each, shuffled with 306 wordlist probes and 4 traversal attempts. What a user opening the catalog must see is the
 * real API and nothing else: the endpoints listed are exactly the real ones, with their templates, and the
 * sensitive types they carry; the probes are counted apart and the scan is a finding of the service.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CatalogQualityTest {
    private static final long T0 = 1_780_000_000_000_000L;
    private static final int CALLS_PER_OPERATION = 30;

    private final LedgerApiTraffic api = new LedgerApiTraffic();
    private final RecordingOutput out = new RecordingOutput();
    private List<EndpointSnapshot> endpoints;

    @BeforeAll
    void catalogTheTraffic() {
        CatalogEngine engine = new CatalogEngine(DiscoveryConfig.defaults(), new DiscoveryMetrics(new SimpleMeterRegistry()),
                InstantSource.system());
        List<HttpExchange> traffic = api.exchanges(CALLS_PER_OPERATION, T0);
        for (int i = 0; i < traffic.size(); i++) {
            engine.accept(traffic.get(i), out);
            if (i % 200 == 199) {
                engine.flush(T0 + i * 1000L, out);
            }
        }
        engine.flush(T0 + traffic.size() * 1000L, out);
        endpoints = List.copyOf(out.endpoints.values());
    }

    private static String normalized(EndpointSnapshot e) {
        return e.method() + " " + e.pathTemplate().replaceAll("\\{[^}/]*}", "{}");
    }

    private static double ratio(long part, long whole) {
        return whole == 0 ? 1.0 : (double) part / whole;
    }

    @Test
    void theEndpointsListedAreExactlyTheRealOnesAndNoProbe() {
        Set<String> real = api.operations().stream().map(LedgerApiTraffic.Operation::normalized).collect(Collectors.toCollection(TreeSet::new));
        Set<String> listed = endpoints.stream().map(CatalogQualityTest::normalized).collect(Collectors.toCollection(TreeSet::new));
        Set<String> correct = new HashSet<>(listed);
        correct.retainAll(real);
        double precision = ratio(correct.size(), listed.size());
        double recall = ratio(correct.size(), real.size());

        assertThat(listed).as("endpoints listed").isEqualTo(real);
        assertThat(precision).as("template precision").isGreaterThanOrEqualTo(0.99);
        assertThat(recall).as("template recall").isGreaterThanOrEqualTo(0.99);
        assertThat(endpoints).hasSize(21);
    }

    @Test
    void templatesNameTheirParametersAsTheRealApiDoes() {
        Set<String> real = api.operations().stream().map(o -> o.method() + " " + o.template()).collect(Collectors.toSet());
        Set<String> listed = endpoints.stream().map(e -> e.method() + " " + e.pathTemplate()).collect(Collectors.toSet());
        // parameter names are a nicety (the identity blanks them); report how many match without failing on a name
        long sameNames = listed.stream().filter(real::contains).count();
        assertThat(ratio(sameNames, real.size())).as("templates with the real parameter names: " + listed).isGreaterThanOrEqualTo(0.5);
    }

    @Test
    void sensitiveTypesPerEndpointHavePrecisionAndRecallOfAtLeast97Percent() {
        Set<String> expected = new TreeSet<>();
        for (LedgerApiTraffic.Operation o : api.operations()) {
            o.sensitiveTypes().forEach(t -> expected.add(o.normalized() + " " + t));
        }
        Set<String> found = new TreeSet<>();
        for (EndpointSnapshot e : endpoints) {
            for (SensitiveDataInfo d : e.sensitiveData()) {
                found.add(normalized(e) + " " + d.type());
            }
        }
        Set<String> correct = new TreeSet<>(found);
        correct.retainAll(expected);
        Set<String> missed = new TreeSet<>(expected);
        missed.removeAll(found);
        Set<String> spurious = new TreeSet<>(found);
        spurious.removeAll(expected);

        assertThat(ratio(correct.size(), found.size())).as("sensitive-type precision; spurious " + spurious).isGreaterThanOrEqualTo(0.97);
        assertThat(ratio(correct.size(), expected.size())).as("sensitive-type recall; missed " + missed).isGreaterThanOrEqualTo(0.97);
    }

    @Test
    void everyProbeIsAProbedPathCountedApartAndTheScanIsAFindingOfTheService() {
        Set<String> probed = out.probedPaths.values().stream().map(p -> p.method() + " " + p.pathTemplate()).collect(Collectors.toSet());
        assertThat(probed).isEqualTo(api.noisePaths());
        assertThat(out.probedPaths.values()).allSatisfy(p -> {
            assertThat(p.topClients()).extracting(ProbedPath.ClientCount::client).containsExactly(LedgerApiTraffic.SCANNER);
            assertThat(p.calls()).isEqualTo(1);
        });
        List<String> serviceFindings = new ArrayList<>();
        out.findings.values().stream().filter(f -> f.endpointId().isEmpty()).forEach(f -> serviceFindings.add(f.type() + " " + f.subject()));
        assertThat(serviceFindings).contains("CONTENT_DISCOVERY_PROBES client " + LedgerApiTraffic.SCANNER);
        assertThat(out.findings.values()).anyMatch(f -> f.type() == FindingType.PATH_TRAVERSAL_ATTEMPT);
    }

    @Test
    void theOpenApiExportDocumentsTheRealApiOnly() {
        OpenApiExporter exporter = new OpenApiExporter();
        String json = exporter.toJson(exporter.export(endpoints.get(0).serviceKey(), LedgerApiTraffic.HOST, endpoints));
        assertThat(json).contains("/api/v1/accounts/{accountId}/transactions").doesNotContain("/.env", "wp-config", "/etc/passwd",
                "/api/v1/customers/export");
    }

    @Test
    void anEndpointThatOnlyEverAnswered401Or403IsFlaggedNeverSucceeded() {
        assertThat(endpoints).filteredOn(EndpointSnapshot::neverSucceeded).extracting(EndpointSnapshot::pathTemplate)
                .containsExactly("/api/v1/admin/audit-log");
    }
}
