package io.periscope.server.pipeline;

import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.periscope.server.config.PeriscopeSettings;
import io.periscope.server.kafka.KafkaRuntime;
import io.periscope.server.roles.ApiRoleEnabled;
import jakarta.annotation.PreDestroy;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;

/**
 * {@code GET /api/v1/pipeline}: the counters and drops of every stage in this process, and the lag of
 * Periscope's consumer groups across the cluster. When Kafka does not answer, the counters are still
 * returned, with {@code lagError} saying why the lag is missing.
 */
@Controller("/api/v1/pipeline")
@Requires(condition = ApiRoleEnabled.class)
public class PipelineController {
    private final StageMeters meters;
    private final Admin admin;
    private final ConsumerLag lag;

    public PipelineController(MeterRegistry registry, KafkaRuntime kafka, PeriscopeSettings settings) {
        this.meters = new StageMeters(registry);
        this.admin = Admin.create(kafka.clientProperties());
        this.lag = new ConsumerLag(admin, settings.api().lagTimeout());
    }

    /** @param lagError why consumer lag is missing, or null */
    public record PipelineStatus(List<StageMeters.Stage> stages, List<ConsumerLag.GroupLag> consumerGroups, String lagError) {
    }

    @Get
    public PipelineStatus status() throws InterruptedException {
        List<StageMeters.Stage> stages = meters.stages();
        try {
            return new PipelineStatus(stages, lag.groups(), null);
        } catch (ExecutionException e) {
            return new PipelineStatus(stages, List.of(), "Kafka: " + e.getCause().getMessage());
        } catch (TimeoutException e) {
            return new PipelineStatus(stages, List.of(), "Kafka did not answer in time");
        }
    }

    @PreDestroy
    public void close() {
        admin.close();
    }
}
