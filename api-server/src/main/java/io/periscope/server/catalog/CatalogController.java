package io.periscope.server.catalog;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.QueryValue;
import io.periscope.discovery.view.CatalogReadModel;
import io.periscope.discovery.view.EndpointQuery;
import io.periscope.discovery.view.EndpointSummary;
import io.periscope.discovery.view.Page;
import io.periscope.discovery.view.ProbedPathQuery;
import io.periscope.discovery.view.ServiceSummary;
import io.periscope.events.catalog.CatalogChange;
import io.periscope.events.catalog.FindingType;
import io.periscope.events.catalog.PostureFinding;
import io.periscope.events.time.EpochMicros;
import io.periscope.server.api.ApiError;
import io.periscope.server.api.QueryParameters;
import io.periscope.server.roles.ApiRoleEnabled;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Reading the catalog: services, the overview, endpoints (filtered, sorted, paged), one endpoint, the change feed,
 * open findings, and each service's probed paths.
 */
@Controller("/api/v1")
@Requires(condition = ApiRoleEnabled.class)
public class CatalogController {
    static final int DEFAULT_LIMIT = 50;
    static final Map<String, EndpointQuery.Sort> SORTS = sorts();
    static final Map<String, FindingType> FINDING_TYPES = Arrays.stream(FindingType.values())
            .collect(Collectors.toMap(Enum::name, Function.identity(), (a, b) -> a, LinkedHashMap::new));
    private static final Map<String, Boolean> ORDERS = orders();
    static final Map<String, ProbedPathQuery.Sort> PROBED_SORTS = probedSorts();

    /** The overview scans the whole catalog (about 140 ms at 10 k endpoints, cold): a few seconds old is fine. */
    static final Duration OVERVIEW_MAX_AGE = Duration.ofSeconds(5);

    private final CatalogReadModel readModel;
    private final CatalogOverview overview;
    private final LoadingCache<Boolean, CatalogOverview.Overview> overviews;

    public CatalogController(CatalogReadModel readModel, InstantSource clock) {
        this.readModel = readModel;
        this.overview = new CatalogOverview(readModel);
        // The cache's own age runs on Caffeine's monotonic ticker (it only bounds staleness); the "new" window
        // of the overview is wall time and comes from the server's clock.
        this.overviews = Caffeine.newBuilder().expireAfterWrite(OVERVIEW_MAX_AGE).maximumSize(1)
                .build(k -> overview.compute(EpochMicros.now(clock)));
    }

    /** The list wrapper of unpaged collections, so fields can be added later without breaking clients. */
    public record Items<T>(List<T> items) {
    }

    @Get("/services")
    public Items<ServiceSummary> services() {
        return new Items<>(readModel.index().services());
    }

    @Get("/overview")
    public CatalogOverview.Overview overview() {
        return overviews.get(Boolean.TRUE);
    }

    @Get("/endpoints")
    public Page<EndpointSummary> endpoints(@Nullable @QueryValue String service, @Nullable @QueryValue String method,
                                           @Nullable @QueryValue String q, @Nullable @QueryValue String sensitive,
                                           @Nullable @QueryValue String unauthenticated, @Nullable @QueryValue String finding,
                                           @Nullable @QueryValue String newSince, @Nullable @QueryValue String sort,
                                           @Nullable @QueryValue String order, @Nullable @QueryValue String offset,
                                           @Nullable @QueryValue String limit) {
        EndpointQuery query = new EndpointQuery(
                QueryParameters.text("service", service),
                QueryParameters.method(method),
                QueryParameters.text("q", q),
                QueryParameters.name("sensitive", sensitive),
                QueryParameters.bool("unauthenticated", unauthenticated),
                QueryParameters.choice("finding", finding, FINDING_TYPES, null),
                QueryParameters.instantMicros("newSince", newSince),
                // the catalog opens on what matters: most exposed and most called first, unless another order is asked
                QueryParameters.choice("sort", sort, SORTS, EndpointQuery.Sort.IMPORTANCE),
                QueryParameters.choice("order", order, ORDERS, sort == null || sort.isEmpty() ? Boolean.TRUE : Boolean.FALSE),
                QueryParameters.offset(offset),
                QueryParameters.limit(limit, DEFAULT_LIMIT, EndpointQuery.MAX_LIMIT));
        return readModel.index().endpoints(query);
    }

    @Get("/endpoints/{id}")
    public HttpResponse<?> endpoint(@PathVariable String id) {
        return readModel.index().endpoint(id)
                .<HttpResponse<?>>map(s -> HttpResponse.ok(EndpointDetail.of(s, readModel.index().findings(id), recentChanges(s.serviceKey(), id))))
                .orElseGet(() -> ApiError.response(HttpStatus.NOT_FOUND, "no endpoint " + id));
    }

    /**
     * Open findings, newest first: those of endpoints and those of services themselves (traversal attempts,
     * content-discovery probes), which have an empty endpoint id.
     */
    @Get("/findings")
    public Page<PostureFinding> findings(@Nullable @QueryValue String service, @Nullable @QueryValue String type,
                                         @Nullable @QueryValue String offset, @Nullable @QueryValue String limit) {
        String serviceKey = QueryParameters.text("service", service);
        FindingType only = QueryParameters.choice("type", type, FINDING_TYPES, null);
        int from = QueryParameters.offset(offset);
        int size = QueryParameters.limit(limit, DEFAULT_LIMIT, EndpointQuery.MAX_LIMIT);
        List<PostureFinding> all = readModel.index().openFindings(serviceKey).stream()
                .filter(f -> only == null || f.type() == only).toList();
        int to = (int) Math.min((long) from + size, all.size());
        return new Page<>(all.subList(Math.min(from, all.size()), to), all.size(), from, size);
    }

    /** A service's probed paths: paths that only ever answered "not found", kept apart from the catalog. */
    @Get("/services/{service}/probed-paths")
    public HttpResponse<?> probedPaths(@PathVariable String service, @Nullable @QueryValue String sort,
                                       @Nullable @QueryValue String order, @Nullable @QueryValue String offset,
                                       @Nullable @QueryValue String limit) {
        ProbedPathQuery query = new ProbedPathQuery(service,
                QueryParameters.choice("sort", sort, PROBED_SORTS, ProbedPathQuery.Sort.CALLS),
                QueryParameters.choice("order", order, ORDERS, Boolean.TRUE),
                QueryParameters.offset(offset),
                QueryParameters.limit(limit, DEFAULT_LIMIT, EndpointQuery.MAX_LIMIT));
        if (readModel.index().services().stream().noneMatch(s -> s.serviceKey().equals(service))) {
            return SpecController.unknown(service);
        }
        return HttpResponse.ok(readModel.index().probedPaths(query));
    }

    @Get("/changes")
    public Page<CatalogChange> changes(@Nullable @QueryValue String service, @Nullable @QueryValue String offset,
                                       @Nullable @QueryValue String limit) {
        return readModel.index().changes(QueryParameters.text("service", service), QueryParameters.offset(offset),
                QueryParameters.limit(limit, DEFAULT_LIMIT, EndpointQuery.MAX_LIMIT));
    }

    /** The latest changes of one endpoint, newest first. */
    private List<CatalogChange> recentChanges(String serviceKey, String endpointId) {
        List<CatalogChange> out = new ArrayList<>();
        int offset = 0;
        while (out.size() < EndpointDetail.MAX_CHANGES) {
            Page<CatalogChange> page = readModel.index().changes(serviceKey, offset, EndpointQuery.MAX_LIMIT);
            for (CatalogChange c : page.items()) {
                if (endpointId.equals(c.endpointId()) && out.size() < EndpointDetail.MAX_CHANGES) {
                    out.add(c);
                }
            }
            offset += page.items().size();
            if (page.items().isEmpty() || offset >= page.total()) {
                break;
            }
        }
        return out;
    }

    private static Map<String, EndpointQuery.Sort> sorts() {
        Map<String, EndpointQuery.Sort> m = new LinkedHashMap<>();
        m.put("path", EndpointQuery.Sort.PATH);
        m.put("calls", EndpointQuery.Sort.CALLS);
        m.put("firstSeen", EndpointQuery.Sort.FIRST_SEEN);
        m.put("lastSeen", EndpointQuery.Sort.LAST_SEEN);
        m.put("findings", EndpointQuery.Sort.FINDINGS);
        m.put("importance", EndpointQuery.Sort.IMPORTANCE);
        return m;
    }

    private static Map<String, ProbedPathQuery.Sort> probedSorts() {
        Map<String, ProbedPathQuery.Sort> m = new LinkedHashMap<>();
        m.put("calls", ProbedPathQuery.Sort.CALLS);
        m.put("clients", ProbedPathQuery.Sort.CLIENTS);
        m.put("path", ProbedPathQuery.Sort.PATH);
        m.put("firstSeen", ProbedPathQuery.Sort.FIRST_SEEN);
        m.put("lastSeen", ProbedPathQuery.Sort.LAST_SEEN);
        return m;
    }

    private static Map<String, Boolean> orders() {
        Map<String, Boolean> m = new LinkedHashMap<>();
        m.put("asc", Boolean.FALSE);
        m.put("desc", Boolean.TRUE);
        return m;
    }
}
