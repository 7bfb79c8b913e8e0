package io.periscope.server.alerts;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import io.periscope.alerts.Alerting;
import io.periscope.alerts.AlertsConfig;
import io.periscope.alerts.delivery.DeliveryLog;
import io.periscope.events.kafka.SkipCounter;
import io.periscope.server.config.AlertSettings;
import io.periscope.server.config.PeriscopeSettings;
import io.periscope.server.kafka.KafkaRuntime;
import io.periscope.server.roles.AlertsEnabled;
import io.periscope.server.roles.ApiRoleEnabled;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.InstantSource;

/**
 * The alerting stage of this process: the destination store for the API, the stage itself for the alerting role,
 * and the delivery log the API shows.
 */
@Factory
@Requires(condition = AlertsEnabled.class)
public class AlertsFactory {
    static final String KEY_FILE = "alerts-secret.key";
    private static final int LOG_PER_DESTINATION = 200;
    private static final int LOG_DEAD_LETTERS = 500;

    @Singleton
    @Bean(preDestroy = "close")
    public Alerting alerting(KafkaRuntime kafka, PeriscopeSettings settings, MeterRegistry registry, InstantSource clock)
            throws InterruptedException {
        AlertSettings s = settings.alerts();
        byte[] key = s.secretKey().isEmpty() ? keyFile(settings.dataDir()) : s.secretKeyBytes();
        AlertsConfig config = new AlertsConfig(s.externalBaseUrl(), s.allowHttp(), s.allowedCidrs(), key, s.rotationGrace(),
                s.digestThreshold(), s.digestWindow(), s.connectTimeout(), s.readTimeout(), s.maxResponseBytes(),
                s.delivery(), s.declared(), s.trustStore());
        Alerting alerting = new Alerting(kafka.clientProperties(), config, registry, skips(registry), clock::millis);
        try {
            return alerting.startStore();
        } catch (RuntimeException | InterruptedException e) {
            alerting.close();
            throw e;
        }
    }

    /** Only where the API shows it. */
    @Singleton
    @Bean(preDestroy = "close")
    @Requires(condition = ApiRoleEnabled.class)
    public DeliveryLog deliveryLog(KafkaRuntime kafka, MeterRegistry registry) {
        return new DeliveryLog(kafka.clientProperties(), LOG_PER_DESTINATION, LOG_DEAD_LETTERS, skips(registry)).start();
    }

    private static SkipCounter skips(MeterRegistry registry) {
        return (topic, reason) -> Counter.builder("periscope.alerts.skipped").tag("topic", topic).tag("reason", reason.tag())
                .register(registry).increment();
    }

    /**
     * The sealing key of a single-machine deployment, created on first start beside the other local state. A
     * scale-out deployment sets {@code periscope.alerts.secret-key} the same on every machine instead.
     */
    static byte[] keyFile(Path dataDir) {
        Path file = dataDir.resolve(KEY_FILE);
        try {
            Files.createDirectories(dataDir);
            if (!Files.exists(file)) {
                byte[] key = new byte[32];
                new SecureRandom().nextBytes(key);
                try {
                    Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                    Files.write(file, key);
                } catch (FileAlreadyExistsException e) {
                    // another start created it first: use theirs
                } catch (UnsupportedOperationException e) {
                    Files.write(file, key); // not a POSIX file system
                }
            }
            byte[] key = Files.readAllBytes(file);
            if (key.length != 32) {
                throw new IllegalStateException(file + " must hold 32 bytes; delete it only if no destination was created");
            }
            return key;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create " + file, e);
        }
    }
}
