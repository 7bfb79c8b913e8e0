package io.periscope.server.catalog;

import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import io.periscope.discovery.catalog.DiscoveryMetrics;
import io.periscope.discovery.openapi.OpenApiExporter;
import io.periscope.discovery.openapi.SpecDiffer;
import io.periscope.discovery.openapi.SpecImporter;
import io.periscope.discovery.view.CatalogReadModel;
import io.periscope.discovery.view.TemplateRuleWriter;
import io.periscope.server.config.PeriscopeSettings;
import io.periscope.server.kafka.KafkaRuntime;
import io.periscope.server.roles.ApiRoleEnabled;
import jakarta.inject.Singleton;
import java.time.InstantSource;

/**
 * The catalog of a process running the api role, one bean per job: the read model the queries run on, the
 * writer of template rules, and the OpenAPI exporter, importer and differ.
 */
@Factory
@Requires(condition = ApiRoleEnabled.class)
public class CatalogFactory {

    /** Starts reading at creation (after {@link KafkaRuntime} has provisioned the topics); closed with the context. */
    @Singleton
    @Bean(preDestroy = "close")
    public CatalogReadModel readModel(KafkaRuntime kafka, PeriscopeSettings settings, MeterRegistry registry) {
        CatalogReadModel readModel = new CatalogReadModel(kafka.clientProperties(), new DiscoveryMetrics(registry),
                settings.api().maxChanges());
        try {
            readModel.start();
        } catch (RuntimeException e) {
            readModel.close();
            throw e;
        }
        return readModel;
    }

    /** {@code clock} is Micronaut's {@code InstantSource} bean: rules are stamped with the process's one clock. */
    @Singleton
    @Bean(preDestroy = "close")
    public TemplateRuleWriter ruleWriter(KafkaRuntime kafka, CatalogReadModel readModel, PeriscopeSettings settings,
                                         InstantSource clock) {
        return new TemplateRuleWriter(kafka.clientProperties(), readModel, settings.api().ruleLimits(), clock);
    }

    @Singleton
    public OpenApiExporter openApiExporter() {
        return new OpenApiExporter();
    }

    @Singleton
    public SpecImporter specImporter(PeriscopeSettings settings) {
        return new SpecImporter(settings.api().maxSpecBytes());
    }

    @Singleton
    public SpecDiffer specDiffer() {
        return new SpecDiffer();
    }
}
