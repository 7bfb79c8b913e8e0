package io.periscope.server.series;

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

    private final SeriesReadModel readModel;

    public SeriesController(SeriesReadModel readModel) {
        this.readModel = readModel;
    }

    @Get("/series")
    public SeriesResult series(@Nullable @QueryValue String service, @Nullable @QueryValue String endpoint,
                               @Nullable @QueryValue String resolution, @Nullable @QueryValue String since) {
        SeriesResolution r = QueryParameters.choice("resolution", resolution, RESOLUTIONS, SeriesResolution.MINUTE);
        return readModel.index().query(QueryParameters.text("service", service), QueryParameters.name("endpoint", endpoint), r,
                QueryParameters.instantMicros("since", since),
                r == SeriesResolution.MINUTE ? DEFAULT_MINUTE_BUCKETS : DEFAULT_HOUR_BUCKETS);
    }

    private static Map<String, SeriesResolution> resolutions() {
        Map<String, SeriesResolution> m = new LinkedHashMap<>();
        m.put("minute", SeriesResolution.MINUTE);
        m.put("hour", SeriesResolution.HOUR);
        return m;
    }
}
