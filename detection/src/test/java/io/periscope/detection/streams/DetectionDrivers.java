package io.periscope.detection.streams;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.util.Properties;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TopologyTestDriver;

/** Test drivers of the detection topology with the default configuration and no signature detectors. */
final class DetectionDrivers {
    private DetectionDrivers() {
    }

    /** A driver of {@code applicationId} keeping its stores under {@code stateDir}. */
    static TopologyTestDriver defaults(String applicationId, Path stateDir) {
        Properties p = new Properties();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        p.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        return new TopologyTestDriver(DetectionTopology.build(DetectionConfig.defaults(), ExchangeSignatures.NONE,
                new DetectionMetrics(new SimpleMeterRegistry())), p);
    }
}
