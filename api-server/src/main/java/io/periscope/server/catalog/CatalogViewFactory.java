package io.periscope.server.catalog;

import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import io.periscope.discovery.catalog.DiscoveryMetrics;
import io.periscope.discovery.view.CatalogView;
import io.periscope.server.config.PeriscopeSettings;
import io.periscope.server.kafka.KafkaRuntime;
import io.periscope.server.roles.ApiRoleEnabled;
import jakarta.inject.Singleton;

/**
 * The one catalog read model of a process running the api role. It starts reading at creation (after
 * {@link KafkaRuntime} has provisioned the topics) and is closed with the application context.
 */
@Factory
@Requires(condition = ApiRoleEnabled.class)
public class CatalogViewFactory {

    @Singleton
    @Bean(preDestroy = "close")
    public CatalogView catalogView(KafkaRuntime kafka, PeriscopeSettings settings, MeterRegistry registry) {
        // CatalogView takes bootstrap servers only: pass-through client properties (TLS, SASL) do not reach it.
        CatalogView view = new CatalogView(kafka.clientProperties(), new DiscoveryMetrics(registry),
                settings.api().maxChanges(), settings.api().maxSpecBytes(), settings.api().ruleLimits());
        try {
            view.start();
        } catch (RuntimeException e) {
            view.close();
            throw e;
        }
        return view;
    }
}
