package io.periscope.benchmarks.discovery;

import io.periscope.discovery.view.CatalogIndex;
import io.periscope.discovery.view.EndpointQuery;
import io.periscope.discovery.view.Page;
import io.periscope.discovery.view.EndpointSummary;
import io.periscope.events.catalog.EndpointSnapshot;
import io.periscope.events.catalog.ParameterLocation;
import io.periscope.events.catalog.SensitiveDataInfo;
import io.periscope.events.catalog.TrafficStats;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/** Latency of the REST API's endpoint list queries on a catalog of 10 000 endpoints in 20 services. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class CatalogQueryBenchmark {
    private CatalogIndex index;

    @Setup(Level.Trial)
    public void setUp() {
        index = new CatalogIndex(10_000);
        for (int s = 0; s < 20; s++) {
            for (int i = 0; i < 500; i++) {
                String key = "prod|svc" + s + ".example.test";
                List<SensitiveDataInfo> sens = i % 7 == 0
                        ? List.of(new SensitiveDataInfo("email", ParameterLocation.RESPONSE_BODY, "$.email", 3, 0.9, "a***@example.org"))
                        : List.of();
                TrafficStats t = new TrafficStats(i * 13L % 997, Map.of("200", 1L), Map.of("2xx", 1L), 1, 2, 3, 4, "",
                        TrafficStats.SizeStats.EMPTY, TrafficStats.SizeStats.EMPTY, 1, null, Map.of(), Map.of(), Map.of(), i % 10 == 0 ? 1 : 0);
                index.putEndpoint(new EndpointSnapshot(1, "e-" + s + "-" + i, key, "prod", "svc" + s + ".example.test",
                        i % 3 == 0 ? "POST" : "GET", "/api/v1/resource" + i + "/{id}/items", 1000L * i, 2000L * i, false, t,
                        List.of(), sens, List.of(), Map.of(), Map.of(), List.of()));
            }
        }
    }

    @Benchmark
    public Page<EndpointSummary> allSortedByCallsFirstPage() {
        return index.endpoints(new EndpointQuery(null, null, null, null, null, null, null, EndpointQuery.Sort.CALLS, true, 0, 50));
    }

    @Benchmark
    public Page<EndpointSummary> serviceWithPathSearch() {
        return index.endpoints(new EndpointQuery("prod|svc7.example.test", "GET", "resource4", null, null, null, null,
                EndpointQuery.Sort.PATH, false, 0, 50));
    }

    @Benchmark
    public Page<EndpointSummary> unauthenticatedWithEmail() {
        return index.endpoints(new EndpointQuery(null, null, null, "email", true, null, null, EndpointQuery.Sort.LAST_SEEN, true, 0, 50));
    }
}
