package io.periscope.events.kafka;

import java.time.Duration;
import java.util.List;

/**
 * The topics that connect Periscope's stages, with the defaults they are created with.
 * Keys and partitioning are documented in docs/architecture.md; record shapes in docs/events.md.
 */
public final class Topics {
    /** {@link io.periscope.events.http.HttpExchange}, keyed by service key (session|host). */
    public static final String EXCHANGES = "periscope.exchanges";
    /** Catalog state per endpoint, keyed by endpoint id. Compacted: the latest value is the state. */
    public static final String CATALOG = "periscope.catalog";
    /** Catalog change events (new endpoint, new parameter, ...), keyed by service key. */
    public static final String CHANGES = "periscope.changes";
    /** Posture findings per endpoint, keyed by finding id. Compacted: the latest value per finding. */
    public static final String FINDINGS = "periscope.findings";

    /**
     * {@link io.periscope.events.catalog.ProbedPath} per path that only ever answered "not found", keyed by its id.
     * Compacted: the latest value is the state; a tombstone means the path was promoted into the catalog or evicted.
     */
    public static final String PROBED_PATHS = "periscope.probed-paths";

    /**
     * {@link io.periscope.events.series.SeriesBucket} by {@link io.periscope.events.series.BucketKey}: the call time
     * series of endpoints and services. Compacted: the latest value per bucket; a tombstone removes an expired bucket.
     */
    public static final String SERIES = "periscope.series";

    /** {@link io.periscope.events.auth.ApiToken} by token id. Compacted; a tombstone revokes. */
    public static final String TOKENS = "periscope.tokens";
    /** {@link io.periscope.events.auth.UiSession} by hashed session id. Compacted; a tombstone signs out. */
    public static final String SESSIONS = "periscope.sessions";
    /**
     * {@link io.periscope.events.catalog.TemplateRuleSet} per service, keyed by service key. Compacted, and
     * co-partitioned with {@link #EXCHANGES} (same partition count) so that the discovery task owning a
     * service receives its rules.
     */
    public static final String TEMPLATE_RULES = "periscope.template-rules";

    /** {@link io.periscope.events.detection.Signal}, keyed by actor id: every detection, in order per actor. */
    public static final String SIGNALS = "periscope.signals";
    /** {@link io.periscope.events.detection.Incident}, keyed by incident id. Compacted: the latest version is the state. */
    public static final String INCIDENTS = "periscope.incidents";
    /** User feedback to detection (dismiss an incident, mark an actor trusted, reopen), keyed by incident or actor id. Compacted. */
    public static final String DETECTION_FEEDBACK = "periscope.detection-feedback";
    /** Block records, keyed by scope + target. Compacted: the latest record is the block's state. */
    public static final String BLOCKS = "periscope.blocks";
    /** Every enforcement decision and AWS call with its outcome, keyed by target. */
    public static final String ENFORCEMENT_AUDIT = "periscope.enforcement-audit";
    /** CIDRs enforcement must never block, added through the API, keyed by CIDR. Compacted; a tombstone removes one. */
    public static final String ENFORCEMENT_ALLOWLIST = "periscope.enforcement-allowlist";
    /** Alert destinations, keyed by destination id. Compacted; a tombstone deletes. */
    public static final String ALERT_DESTINATIONS = "periscope.alert-destinations";
    /** Alerts decided and waiting for delivery (the outbox), keyed by destination id. */
    public static final String ALERT_OUTBOX = "periscope.alert-outbox";
    /** Delivery attempts and their results, keyed by destination id. */
    public static final String ALERT_DELIVERIES = "periscope.alert-deliveries";
    /** Alerts that failed permanently, keyed by destination id. */
    public static final String ALERT_DEAD_LETTERS = "periscope.alert-dead-letters";
    /**
     * Opened incidents held for a storm digest, keyed by window and incident. Compacted: written with the incident's
     * offset, tombstoned with the digest, so a digest decided survives a crash of the decider.
     */
    public static final String ALERT_DIGEST_MEMBERS = "periscope.alert-digest-members";
    /**
     * {@link io.periscope.events.enforcement.EnforcementFinding}: what enforcement wants a person to know (a cap stopped
     * auto-blocking, a block is not effective), keyed by finding id; the alerting stage reads it as it reads incidents.
     */
    public static final String ENFORCEMENT_FINDINGS = "periscope.enforcement-findings";

    /** Topics whose partition count must equal that of {@link #EXCHANGES} (they are co-partitioned with it). */
    public static final List<String> CO_PARTITIONED_WITH_EXCHANGES = List.of(TEMPLATE_RULES);

    private Topics() {
    }

    /** The default specs, before configuration overrides partitions or replication. */
    public static List<TopicSpec> defaults() {
        Duration minute = Duration.ofMinutes(1);
        return List.of(
                TopicSpec.deleting(EXCHANGES, 12, Duration.ofDays(1))
                        .withConfig("compression.type", "producer")
                        .withConfig("max.message.bytes", Integer.toString(4 * 1024 * 1024)),
                TopicSpec.compacted(CATALOG, 12, minute)
                        .withConfig("max.message.bytes", Integer.toString(8 * 1024 * 1024)),
                TopicSpec.deleting(CHANGES, 6, Duration.ofDays(90)),
                TopicSpec.compacted(FINDINGS, 6),
                TopicSpec.compacted(PROBED_PATHS, 6, minute),
                TopicSpec.compacted(SERIES, 6, minute),
                TopicSpec.compacted(TEMPLATE_RULES, 12),
                TopicSpec.deleting(SIGNALS, 12, Duration.ofDays(30)),
                TopicSpec.compacted(INCIDENTS, 6, minute),
                TopicSpec.compacted(DETECTION_FEEDBACK, 1),
                TopicSpec.compacted(BLOCKS, 1),
                TopicSpec.deleting(ENFORCEMENT_AUDIT, 1, Duration.ofDays(365)),
                TopicSpec.compacted(ENFORCEMENT_ALLOWLIST, 1),
                TopicSpec.compacted(ALERT_DESTINATIONS, 1),
                // retention well beyond the default 24 h retry horizon, so a pending alert outlives an outage
                TopicSpec.deleting(ALERT_OUTBOX, 6, Duration.ofDays(7)),
                TopicSpec.deleting(ALERT_DELIVERIES, 1, Duration.ofDays(30)),
                TopicSpec.deleting(ALERT_DEAD_LETTERS, 1, Duration.ofDays(90)),
                TopicSpec.compacted(ALERT_DIGEST_MEMBERS, 1),
                TopicSpec.deleting(ENFORCEMENT_FINDINGS, 1, Duration.ofDays(30)),
                TopicSpec.compacted(TOKENS, 1),
                TopicSpec.compacted(SESSIONS, 1, minute));
    }
}
