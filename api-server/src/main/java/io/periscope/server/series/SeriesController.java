package io.periscope.server.series;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.periscope.discovery.series.SeriesReadModel;
import io.periscope.discovery.series.SeriesResult;
import io.periscope.events.series.SeriesResolution;
import io.periscope.server.api.QueryParameters;
import io.periscope.server.roles.ApiRoleEnabled;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The call series: of every service (the overview), of one service, or of one endpoint; in minute or hour buckets.
 * Every answer is bounded by the retention ring of its resolution (at most 1440 or 720 points).
 */
@Controller("/api/v1")
@Requires(condition = ApiRoleEnabled.class)
public class SeriesController {
    static final Map<String, SeriesResolution> RESOLUTIONS = resolutions();
    /** Without {@code since}: the last 3 hours of minutes, or the last 7 days of hours, up to the newest bucket. */
    static final int DEFAULT_MINUTE_BUCKETS = 180;
    static final int DEFAULT_HOUR_BUCKETS = 168;

    /**
     * The overview merges every service's latency histogram per bucket (about 0.3 s for 50 services over 3 hours of
     * minutes on a loaded 2-core machine, 1.5 s over a whole day): a few seconds old is fine, as for the catalog overview.
     */
    static final Duration OVERVIEW_MAX_AGE = Duration.ofSeconds(5);

    private final SeriesReadModel readModel;
    private final Cache<OverviewKey, SeriesResult> overviews = Caffeine.newBuilder().expireAfterWrite(OVERVIEW_MAX_AGE)
            .maximumSize(16).build();

    private record OverviewKey(SeriesResolution resolution, Long sinceMicros) {
    }

    public SeriesController(SeriesReadModel readModel) {
        this.readModel = readModel;
    }

    @Get("/series")
    public SeriesResult series(@Nullable @QueryValue String service, @Nullable @QueryValue String endpoint,
                               @Nullable @QueryValue String resolution, @Nullable @QueryValue String since) {
        SeriesResolution r = QueryParameters.choice("resolution", resolution, RESOLUTIONS, SeriesResolution.MINUTE);
        String serviceKey = QueryParameters.text("service", service);
        String endpointId = QueryParameters.name("endpoint", endpoint);
        Long sinceMicros = QueryParameters.instantMicros("since", since);
        int defaultBuckets = r == SeriesResolution.MINUTE ? DEFAULT_MINUTE_BUCKETS : DEFAULT_HOUR_BUCKETS;
        if (serviceKey == null && endpointId == null) {
            return overviews.get(new OverviewKey(r, sinceMicros),
                    k -> readModel.index().query(null, null, r, sinceMicros, defaultBuckets));
        }
        return readModel.index().query(serviceKey, endpointId, r, sinceMicros, defaultBuckets);
    }

    private static Map<String, SeriesResolution> resolutions() {
        Map<String, SeriesResolution> m = new LinkedHashMap<>();
        m.put("minute", SeriesResolution.MINUTE);
        m.put("hour", SeriesResolution.HOUR);
        return m;
    }
}
