package io.periscope.discovery.catalog;

import io.periscope.events.catalog.PostureFinding;
import io.periscope.events.catalog.TemplateRule;
import java.util.List;

/**
 * The per-service state discovery keeps besides endpoints: learned merges ({@code METHOD /pattern}) and the
 * user rules in force, and the findings that belong to the service rather than to an endpoint (traversal
 * attempts). Stored in the discovery state store, never on a shared topic. A state stored before service findings
 * existed reads with none.
 */
public record ServiceState(int schemaVersion, String serviceKey, String session, String host, long firstSeenMicros,
                           List<String> learnedPatterns, List<TemplateRule> rules, List<PostureFinding> findings) {
    public static final int SCHEMA_VERSION = 1;

    public ServiceState {
        learnedPatterns = learnedPatterns == null ? List.of() : List.copyOf(learnedPatterns);
        rules = rules == null ? List.of() : List.copyOf(rules);
        findings = findings == null ? List.of() : List.copyOf(findings);
    }
}
