package io.periscope.detection.streams;

import io.periscope.detection.behaviour.BehaviourSettings;
import io.periscope.detection.incident.IncidentSettings;
import io.periscope.detection.principal.PrincipalSettings;

import java.time.Duration;

/**
 * What the detection topology is configured with ({@code periscope.detection.*}).
 *
 * @param principals     how principals are read
 * @param behaviour      behavioural thresholds
 * @param incidents      correlation and life cycle of incidents
 * @param idleTimeout    event time after which an actor without an open incident is forgotten
 * @param maxRecordBytes largest exchange read (larger ones are skipped as {@code oversize})
 */
public record DetectionConfig(PrincipalSettings principals, BehaviourSettings behaviour, IncidentSettings incidents,
                              Duration idleTimeout, int maxRecordBytes) {

    public static DetectionConfig defaults() {
        return new DetectionConfig(PrincipalSettings.defaults(), BehaviourSettings.defaults(), IncidentSettings.defaults(),
                Duration.ofDays(7), 4 * 1024 * 1024);
    }
}
