package io.periscope.server.catalog;

import io.periscope.discovery.view.CatalogIndex;
import io.periscope.discovery.view.CatalogReadModel;
import io.periscope.discovery.view.ServiceSummary;
import io.periscope.events.catalog.EndpointSnapshot;
import io.periscope.events.catalog.SensitiveDataInfo;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The numbers of the overview page, computed from the whole catalog in one pass, service by service. */
final class CatalogOverview {
    static final Duration NEW_WINDOW = Duration.ofDays(7);

    private final CatalogReadModel readModel;

    CatalogOverview(CatalogReadModel readModel) {
        this.readModel = readModel;
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
        CatalogIndex index = readModel.index();
        Map<String, Integer> byType = new TreeMap<>();
        Map<String, Integer> byFinding = new TreeMap<>();
        List<ServiceRow> services = new ArrayList<>();
        int total = 0;
        int fresh = 0;
        int sensitive = 0;
        int exposed = 0;
        for (ServiceSummary service : index.services()) {
            int serviceFresh = 0;
            int serviceSensitive = 0;
            for (EndpointSnapshot e : index.ofService(service.serviceKey())) {
                total++;
                if (e.firstSeenMicros() >= since) {
                    fresh++;
                    serviceFresh++;
                }
                if (!e.sensitiveData().isEmpty()) {
                    sensitive++;
                    serviceSensitive++;
                    if (e.traffic().unauthenticatedCalls() > 0) {
                        exposed++;
                    }
                    e.sensitiveData().stream().map(SensitiveDataInfo::type).distinct().forEach(t -> byType.merge(t, 1, Integer::sum));
                }
                e.findings().stream().map(f -> f.type().name()).distinct().forEach(t -> byFinding.merge(t, 1, Integer::sum));
            }
            services.add(new ServiceRow(service.serviceKey(), service.host(), service.endpoints(), service.calls(), serviceFresh,
                    serviceSensitive, service.findings(), service.lastSeenMicros()));
        }
        return new Overview(total, fresh, sensitive, exposed, byType, byFinding, services);
    }
}
