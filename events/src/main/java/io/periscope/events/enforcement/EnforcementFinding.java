package io.periscope.events.enforcement;

import io.periscope.events.Versioned;
import io.periscope.events.detection.Severity;
import java.util.Objects;

/**
 * Something enforcement wants a person to know, on {@code periscope.enforcement-findings} keyed by {@link #id()}. The
 * audit trail records every occurrence; a finding is written once per episode and its id is stable for the episode
 * (the same cap in the same hour, the same block), so a finding written again after a restart is one alert, not two.
 *
 * @param schemaVersion {@link #SCHEMA_VERSION}
 * @param id            stable per episode: {@code cap-<cap>-<hour start, epoch s>} or {@code ineffective-<block id>}
 * @param kind          what happened
 * @param atMicros      when it was found
 * @param severity      how bad (both kinds are {@link Severity#HIGH}: attacks go on unblocked)
 * @param target        the address or key concerned (the first one turned away by a cap), may be null
 * @param blockId       the block concerned, may be null
 * @param incidentId    the incident concerned, may be null
 * @param detail        one sentence for people (never a credential)
 */
public record EnforcementFinding(int schemaVersion, String id, EnforcementFindingKind kind, long atMicros,
                                 Severity severity, String target, String blockId, String incidentId, String detail)
        implements Versioned {

    public static final int SCHEMA_VERSION = 1;

    public EnforcementFinding {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(kind, "kind");
        severity = severity == null ? Severity.HIGH : severity;
    }
}
