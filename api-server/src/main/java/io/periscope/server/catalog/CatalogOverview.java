package io.periscope.server.catalog;

import io.periscope.discovery.view.CatalogView;
import io.periscope.discovery.view.EndpointQuery;
import io.periscope.discovery.view.EndpointSummary;
import io.periscope.discovery.view.Page;
import io.periscope.discovery.view.ServiceSummary;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The numbers of the overview page, computed from the whole catalog in one pass over its pages. */
final class CatalogOverview {
    static final Duration NEW_WINDOW = Duration.ofDays(7);

    private final CatalogView view;

    CatalogOverview(CatalogView view) {
        this.view = view;
    }

    /**
     * @param endpoints              endpoints in the catalog
     * @param newThisWeek            endpoints first seen in the last 7 days
     * @param sensitiveEndpoints     endpoints carrying sensitive data of any type
     * @param unauthenticatedSensitive endpoints carrying sensitive data that were called without credentials
     * @param sensitiveByType        endpoints per sensitive data type
     * @param findingsByType         endpoints per open finding type
     * @param services               per-service rows
     */
    record Overview(int endpoints, int newThisWeek, int sensitiveEndpoints, int unauthenticatedSensitive,
                    Map<String, Integer> sensitiveByType, Map<String, Integer> findingsByType, List<ServiceRow> services) {
    }

    record ServiceRow(String serviceKey, String host, int endpoints, long calls, int newThisWeek, int sensitiveEndpoints,
                      int findings, long lastSeenMicros) {
    }

    Overview compute(long nowMicros) {
        long since = nowMicros - NEW_WINDOW.toNanos() / 1000;
        Map<String, int[]> perService = new TreeMap<>();
        Map<String, Integer> byType = new TreeMap<>();
        Map<String, Integer> byFinding = new TreeMap<>();
        int total = 0;
        int fresh = 0;
        int sensitive = 0;
        int exposed = 0;
        int offset = 0;
        while (true) {
            Page<EndpointSummary> page = view.endpoints(new EndpointQuery(null, null, null, null, null, null, null,
                    EndpointQuery.Sort.PATH, false, offset, EndpointQuery.MAX_LIMIT));
            for (EndpointSummary e : page.items()) {
                int[] row = perService.computeIfAbsent(e.serviceKey(), k -> new int[2]);
                total++;
                if (e.firstSeenMicros() >= since) {
                    fresh++;
                    row[0]++;
                }
                if (!e.sensitiveTypes().isEmpty()) {
                    sensitive++;
                    row[1]++;
                    if (e.unauthenticatedShare() > 0) {
                        exposed++;
                    }
                    e.sensitiveTypes().forEach(t -> byType.merge(t, 1, Integer::sum));
                }
                e.findingTypes().forEach(t -> byFinding.merge(t, 1, Integer::sum));
            }
            offset += page.items().size();
            if (page.items().isEmpty() || offset >= page.total()) {
                break;
            }
        }
        List<ServiceRow> services = new ArrayList<>();
        for (ServiceSummary s : view.services()) {
            int[] row = perService.getOrDefault(s.serviceKey(), new int[2]);
            services.add(new ServiceRow(s.serviceKey(), s.host(), s.endpoints(), s.calls(), row[0], row[1], s.findings(),
                    s.lastSeenMicros()));
        }
        return new Overview(total, fresh, sensitive, exposed, byType, byFinding, services);
    }
}
