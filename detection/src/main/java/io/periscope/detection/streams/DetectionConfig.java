package io.periscope.detection.streams;

import io.periscope.detection.behaviour.BehaviourSettings;
import io.periscope.detection.incident.IncidentSettings;
import io.periscope.detection.principal.PrincipalSettings;
import io.periscope.detection.signature.locate.LocateLimits;

import java.time.Duration;

/**
 * What the detection topology is configured with ({@code periscope.detection.*}).
 *
 * @param principals     how principals are read
 * @param behaviour      behavioural thresholds
 * @param incidents      correlation and life cycle of incidents
 * @param idleTimeout    event time after which an actor without an open incident is forgotten
 * @param maxRecordBytes largest exchange read (larger ones are skipped as {@code oversize})
 * @param cachedActors   actor states a task keeps in memory between commits ({@link WriteBehindCache}); the least
 *                       recently seen beyond it are written to the store and read back when they return
 * @param signatureLimits bounds on the values the signature pass reads from one exchange
 */
public record DetectionConfig(PrincipalSettings principals, BehaviourSettings behaviour, IncidentSettings incidents,
                              Duration idleTimeout, int maxRecordBytes, int cachedActors, LocateLimits signatureLimits) {

    /**
     * 10 000 cached actors: the active clients of a busy service within one commit interval fit, and at a few KiB of
     * sketches each the cache stays in the tens of MiB per task.
     */
    public static final int DEFAULT_CACHED_ACTORS = 10_000;

    public DetectionConfig {
        if (cachedActors < 1) {
            throw new IllegalArgumentException("cachedActors must be positive");
        }
    }

    public static DetectionConfig defaults() {
        return new DetectionConfig(PrincipalSettings.defaults(), BehaviourSettings.defaults(), IncidentSettings.defaults(),
                Duration.ofDays(7), 4 * 1024 * 1024, DEFAULT_CACHED_ACTORS, LocateLimits.DEFAULTS);
    }
}
