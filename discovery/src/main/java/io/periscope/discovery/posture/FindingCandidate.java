package io.periscope.discovery.posture;

import io.periscope.events.catalog.FindingType;

/** A finding observed in one exchange, before it is aggregated on its endpoint. Evidence is masked. */
public record FindingCandidate(FindingType type, String subject, String evidence) {
}
