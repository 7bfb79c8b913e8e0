package io.periscope.server.roles;

import io.micrometer.core.instrument.MeterRegistry;
import io.periscope.detection.streams.DetectionMetrics;
import io.periscope.detection.streams.DetectionStreams;
import io.periscope.detection.signature.engine.SignatureDetectors;
import io.periscope.detection.signature.engine.SignatureEngine;
import io.periscope.detection.streams.EngineSignatures;
import io.periscope.events.kafka.Topics;
import io.periscope.server.config.DetectionSettings;
import io.periscope.server.config.Role;
import org.apache.kafka.streams.KafkaStreams;

import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * The detection role: the detection Kafka Streams application (docs/detection.md). It re-keys exchanges by
 * actor, keeps behaviour and incident state per actor in changelogged stores, and publishes signals and incidents.
 * Signature detection plugs in through {@link EngineSignatures}: the signature engine runs on every exchange before it
 * is re-keyed by actor, and its findings join the actor's signals and incident.
 */
public final class DetectionRole implements PeriscopeRole {
    private final DetectionSettings settings;
    private final Map<String, Object> clientProperties;
    private final MeterRegistry registry;
    private DetectionStreams streams;
    private DetectionMetrics metrics;

    public DetectionRole(DetectionSettings settings, Map<String, Object> clientProperties, MeterRegistry registry) {
        this.settings = settings;
        this.clientProperties = Map.copyOf(clientProperties);
        this.registry = registry;
    }

    @Override
    public Role role() {
        return Role.DETECTION;
    }

    @Override
    public List<String> consumes() {
        return List.of(Topics.EXCHANGES, Topics.DETECTION_FEEDBACK);
    }

    @Override
    public List<String> produces() {
        return List.of(Topics.SIGNALS, Topics.INCIDENTS);
    }

    @Override
    public void start() {
        Properties props = DetectionStreams.properties(clientProperties, settings.applicationId(), settings.stateDir(),
                settings.threads(), settings.commitInterval());
        metrics = new DetectionMetrics(registry);
        streams = new DetectionStreams(props, settings.config(), new EngineSignatures(
                new SignatureEngine(SignatureDetectors.all(), settings.config().signatureLimits())), metrics);
        streams.start();
    }

    /** As discovery: serving only when RUNNING ({@link DiscoveryRole#status}); the exchanges read so far. */
    @Override
    public RoleHealth health() {
        KafkaStreams.State state = streams.state();
        Map<String, Object> details = Map.of("applicationId", settings.applicationId(), "state", state.name(),
                "exchangesConsumed", metrics.observedCount());
        return new RoleHealth(DiscoveryRole.status(state, 0), details);
    }

    @Override
    public void close() {
        if (streams != null) {
            streams.close();
        }
    }
}
