package io.periscope.server.series;

import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import io.periscope.discovery.catalog.DiscoveryMetrics;
import io.periscope.discovery.series.SeriesReadModel;
import io.periscope.server.kafka.KafkaRuntime;
import io.periscope.server.roles.ApiRoleEnabled;

/** The call series read model of a process running the api role. */
@Factory
@Requires(condition = ApiRoleEnabled.class)
public class SeriesFactory {

    /**
     * Created with the application context (after {@link KafkaRuntime}, which provisions the topics), so that the
     * series are read by the time the first page asks for them; closed with the context.
     */
    @Context
    @Bean(preDestroy = "close")
    public SeriesReadModel seriesReadModel(KafkaRuntime kafka, MeterRegistry registry) {
        SeriesReadModel readModel = new SeriesReadModel(kafka.clientProperties(), new DiscoveryMetrics(registry));
        try {
            readModel.start();
        } catch (RuntimeException e) {
            readModel.close();
            throw e;
        }
        return readModel;
    }
}
