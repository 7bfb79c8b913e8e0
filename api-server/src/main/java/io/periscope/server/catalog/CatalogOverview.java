package io.periscope.server.catalog;

import io.periscope.discovery.view.CatalogIndex;
import io.periscope.discovery.view.CatalogReadModel;
import io.periscope.discovery.view.ServiceSummary;
import io.periscope.events.catalog.EndpointSnapshot;
import io.periscope.events.catalog.PostureFinding;
import io.periscope.events.catalog.SensitiveDataInfo;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The numbers of the overview page, computed from the whole catalog in one pass, service by service. Each count
 * has one unit, named by its field: {@code endpoints} count endpoints, {@code findings} count open findings (from
 * the findings topic, the one source of finding counts, with the services' own findings), {@code calls} count
 * exchanges, {@code probedPaths} count paths kept apart from the catalog.
 */
final class CatalogOverview {
    static final Duration NEW_WINDOW = Duration.ofDays(7);

    private final CatalogReadModel readModel;

    CatalogOverview(CatalogReadModel readModel) {
        this.readModel = readModel;
    }

    /**
     * @param endpoints                endpoints in the catalog
     * @param newThisWeek              endpoints first seen in the last 7 days
     * @param sensitiveEndpoints       endpoints carrying sensitive data of any type
     * @param unauthenticatedSensitive endpoints carrying sensitive data that were called without credentials
     * @param neverSucceeded           endpoints that never answered with a 1xx, 2xx or 3xx status
     * @param findings                 open findings
     * @param endpointsWithFindings    endpoints with at least one open finding
     * @param probedPaths              probed paths of all services
     * @param sensitiveByType          endpoints per sensitive data type
     * @param findingsByType           per open finding type: its findings and the endpoints they are on
     * @param services                 per-service rows
     */
    record Overview(int endpoints, int newThisWeek, int sensitiveEndpoints, int unauthenticatedSensitive, int neverSucceeded,
                    int findings, int endpointsWithFindings, int probedPaths, Map<String, Integer> sensitiveByType,
                    Map<String, FindingCount> findingsByType, List<ServiceRow> services) {
    }

    /**
     * @param findings  open findings of the type
     * @param endpoints endpoints they are on (a service's own findings are on none)
     */
    record FindingCount(int findings, int endpoints) {
    }

    record ServiceRow(String serviceKey, String host, int endpoints, long calls, int newThisWeek, int sensitiveEndpoints,
                      int findings, int probedPaths, long lastSeenMicros) {
    }

    Overview compute(long nowMicros) {
        long since = nowMicros - NEW_WINDOW.toNanos() / 1000;
        CatalogIndex index = readModel.index();
        Map<String, Integer> byType = new TreeMap<>();
        List<ServiceRow> services = new ArrayList<>();
        int total = 0;
        int fresh = 0;
        int sensitive = 0;
        int exposed = 0;
        int neverSucceeded = 0;
        int probed = 0;
        for (ServiceSummary service : index.services()) {
            int serviceFresh = 0;
            int serviceSensitive = 0;
            for (EndpointSnapshot e : index.ofService(service.serviceKey())) {
                total++;
                if (e.firstSeenMicros() >= since) {
                    fresh++;
                    serviceFresh++;
                }
                if (e.neverSucceeded()) {
                    neverSucceeded++;
                }
                if (!e.sensitiveData().isEmpty()) {
                    sensitive++;
                    serviceSensitive++;
                    if (e.traffic().unauthenticatedCalls() > 0) {
                        exposed++;
                    }
                    e.sensitiveData().stream().map(SensitiveDataInfo::type).distinct().forEach(t -> byType.merge(t, 1, Integer::sum));
                }
            }
            probed += service.probedPaths();
            services.add(new ServiceRow(service.serviceKey(), service.host(), service.endpoints(), service.calls(), serviceFresh,
                    serviceSensitive, service.findings(), service.probedPaths(), service.lastSeenMicros()));
        }
        List<PostureFinding> open = index.openFindings(null);
        Map<String, Integer> findingsOfType = new TreeMap<>();
        Map<String, Set<String>> endpointsOfType = new HashMap<>();
        Set<String> withFindings = new HashSet<>();
        for (PostureFinding f : open) {
            findingsOfType.merge(f.type().name(), 1, Integer::sum);
            Set<String> on = endpointsOfType.computeIfAbsent(f.type().name(), k -> new HashSet<>());
            if (!f.endpointId().isEmpty()) {
                on.add(f.endpointId());
                withFindings.add(f.endpointId());
            }
        }
        Map<String, FindingCount> byFinding = new TreeMap<>();
        findingsOfType.forEach((type, n) -> byFinding.put(type, new FindingCount(n, endpointsOfType.get(type).size())));
        return new Overview(total, fresh, sensitive, exposed, neverSucceeded, open.size(), withFindings.size(), probed, byType,
                byFinding, services);
    }
}
