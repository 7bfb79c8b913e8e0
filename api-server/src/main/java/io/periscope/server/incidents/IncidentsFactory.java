package io.periscope.server.incidents;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import io.periscope.events.detection.DetectionFeedback;
import io.periscope.events.detection.Incident;
import io.periscope.events.kafka.CompactedTopicView;
import io.periscope.events.kafka.Topics;
import io.periscope.server.config.PeriscopeSettings;
import io.periscope.server.kafka.KafkaRuntime;
import io.periscope.server.roles.ApiRoleEnabled;
import io.periscope.server.store.SharedRecords;
import jakarta.inject.Named;
import jakarta.inject.Singleton;

/**
 * The incidents of a process running the api role: the read model of {@code periscope.incidents} and the writer of
 * user decisions to {@code periscope.detection-feedback}.
 */
@Factory
@Requires(condition = ApiRoleEnabled.class)
public class IncidentsFactory {

    /** Starts reading at creation; answers from what it has read so far (incidents arrive continuously anyway). */
    @Singleton
    @Bean(preDestroy = "close")
    public IncidentReadModel incidentReadModel(KafkaRuntime kafka, MeterRegistry registry) {
        CompactedTopicView<Incident> view = new CompactedTopicView<>(kafka.clientProperties(), Topics.INCIDENTS,
                Incident.class, (topic, reason) -> Counter.builder("periscope.store.skipped").tag("topic", topic)
                        .tag("reason", reason.tag()).register(registry).increment());
        // the model indexes what the view applies: it must listen before the view reads its first record
        IncidentReadModel model = new IncidentReadModel(view);
        view.start();
        return model;
    }

    /** Decisions are few and must reach every detection instance: written synchronously, read back by every API server. */
    @Singleton
    @Named("detection-feedback")
    @Bean(preDestroy = "close")
    public SharedRecords<DetectionFeedback> feedback(KafkaRuntime kafka, PeriscopeSettings settings, MeterRegistry registry)
            throws InterruptedException {
        return new SharedRecords<>(kafka.clientProperties(), Topics.DETECTION_FEEDBACK, DetectionFeedback.class,
                settings.api().recordSize(), registry);
    }
}
