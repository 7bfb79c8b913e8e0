package io.periscope.server.config;

import io.periscope.detection.behaviour.BehaviourSettings;
import io.periscope.detection.behaviour.CampaignSettings;
import io.periscope.detection.behaviour.MassAssignmentSettings;
import io.periscope.detection.behaviour.NetworkLocation;
import io.periscope.detection.behaviour.OwnershipSettings;
import io.periscope.detection.behaviour.TravelSettings;
import io.periscope.detection.incident.IncidentSettings;
import io.periscope.detection.principal.BusinessIdentifier;
import io.periscope.detection.principal.PrincipalSettings;
import io.periscope.detection.signature.locate.LocateLimits;
import io.periscope.detection.streams.DetectionConfig;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The detection role: its Kafka Streams application, principals, behavioural thresholds and incidents (keys
 * {@code periscope.detection.*}; docs/configuration.md).
 *
 * @param applicationId  Kafka Streams application id (consumer group, changelog and repartition topic prefix)
 * @param stateDir       local state stores; restored from the changelogs when lost
 * @param threads        stream threads in this process
 * @param commitInterval how often offsets are committed
 * @param config         what the topology is configured with
 */
public record DetectionSettings(String applicationId, Path stateDir, int threads, Duration commitInterval,
                                DetectionConfig config) {
    private static final String P = "periscope.detection.";

    static DetectionSettings read(ConfigReader c, Path dataDir) {
        DetectionConfig d = DetectionConfig.defaults();
        BehaviourSettings b = d.behaviour();
        IncidentSettings i = d.incidents();
        PrincipalSettings p = d.principals();
        String userHeader = c.string(P + "principals.user-header", "");
        try {
            PrincipalSettings principals = new PrincipalSettings(userHeader.isBlank() ? null : userHeader,
                    new HashSet<>(c.list(P + "principals.login-fields", List.copyOf(p.loginFields()))),
                    business(c), c.integer(P + "principals.max-links", p.maxLinks(), 1, 10_000_000));
            String q = P + "behaviour.";
            BehaviourSettings behaviour = new BehaviourSettings(
                    c.duration(q + "window", b.window()),
                    c.integer(q + "warmup-windows", b.warmupWindows(), 0, 1_000_000),
                    c.positiveLong(q + "peer-factor", (long) b.peerFactor()),
                    c.integer(q + "bola.distinct-ids", b.bolaDistinctIds(), 2, 1_000_000),
                    c.integer(q + "bola.denied-ids", b.bolaDeniedIds(), 2, 1_000_000),
                    c.integer(q + "sign-in.brute-force-failures", b.bruteForceFailures(), 2, 1_000_000),
                    c.integer(q + "sign-in.stuffing-accounts", b.stuffingAccounts(), 2, 1_000_000),
                    c.integer(q + "sign-in.spraying-accounts", b.sprayingAccounts(), 2, 1_000_000),
                    c.integer(q + "recon.not-found-paths", b.reconNotFoundPaths(), 2, 1_000_000),
                    c.integer(q + "recon.refused-methods", b.reconMethods(), 2, 16),
                    c.list(q + "recon.scanner-agents", b.scannerAgents()),
                    c.integer(q + "token-sharing.addresses", b.sharingAddresses(), 2, 1000),
                    c.integer(q + "token-sharing.agents", b.sharingAgents(), 2, 1000),
                    c.integer(q + "scraping.reads", b.scrapingRequests(), 2, 100_000_000),
                    c.positiveLong(q + "scraping.bytes", b.scrapingBytes()),
                    c.integer(q + "rate.requests", b.rateRequests(), 2, 100_000_000),
                    c.positiveLong(q + "rate.own-factor", (long) b.rateOwnFactor()),
                    c.integer(q + "errors.requests", b.errorRequests(), 2, 100_000_000),
                    c.integer(q + "jwt.rejected-copies", b.jwtRejectedCopies(), 2, 1000),
                    c.list(q + "sign-in.paths", b.signInPaths()),
                    ownership(c, q + "ownership.", b.ownership()),
                    campaigns(c, q + "stuffing-campaign.", b.campaigns()),
                    travel(c, q + "travel.", b.travel()),
                    massAssignment(c, q + "mass-assignment.", b.massAssignment()));
            IncidentSettings incidents = new IncidentSettings(
                    c.duration(P + "incidents.quiet-period", i.quietPeriod()),
                    c.duration(P + "incidents.reopen-window", i.reopenWindow()),
                    c.duration(P + "incidents.update-interval", i.updateInterval()),
                    c.fraction(P + "incidents.block-confidence", i.blockConfidence()));
            LocateLimits l = d.signatureLimits();
            String s = P + "signatures.";
            LocateLimits signatureLimits = new LocateLimits(
                    c.integer(s + "max-values", l.maxValues(), 1, 1_000_000),
                    c.integer(s + "max-chars", l.maxChars(), 1, 64 * 1024 * 1024),
                    c.integer(s + "max-value-length", l.maxValueLength(), 1, 1024 * 1024),
                    c.integer(s + "max-json-depth", l.maxJsonDepth(), 1, 1024));
            DetectionConfig config = new DetectionConfig(principals, behaviour, incidents,
                    c.duration(P + "idle-timeout", d.idleTimeout()),
                    c.integer(P + "limits.max-record-bytes", d.maxRecordBytes(), 1024, 64 * 1024 * 1024),
                    c.integer(P + "state.cached-actors", d.cachedActors(), 1, 10_000_000), signatureLimits);
            return new DetectionSettings(
                    c.string(P + "application-id", "periscope-detection"),
                    Path.of(c.string(P + "state-dir", dataDir.resolve("detection").toString())),
                    c.integer(P + "threads", 1, 1, 64),
                    c.duration(P + "commit-interval", Duration.ofSeconds(5)),
                    config);
        } catch (ConfigurationException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException(e);
        }
    }

    private static OwnershipSettings ownership(ConfigReader c, String q, OwnershipSettings d) {
        return new OwnershipSettings(
                c.integer(q + "foreign-objects", d.foreignObjects(), 1, 1_000_000),
                c.integer(q + "owner-min-reads", d.ownerMinReads(), 1, 1000),
                c.integer(q + "shared-accessors", d.sharedAccessors(), 2, 1000),
                c.integer(q + "max-objects", d.maxObjects(), 1, 100_000_000),
                c.duration(q + "object-idle", d.objectIdle()));
    }

    private static CampaignSettings campaigns(ConfigReader c, String q, CampaignSettings d) {
        return new CampaignSettings(
                c.duration(q + "window", d.window()),
                c.integer(q + "addresses", d.addresses(), 2, 1_000_000),
                c.integer(q + "failed-accounts", d.failedAccounts(), 2, 1_000_000),
                c.fraction(q + "failure-ratio", d.failureRatio()),
                c.integer(q + "max-campaigns", d.maxCampaigns(), 1, 100_000_000),
                c.integer(q + "shared-accounts", d.sharedAccounts(), 2, 1000),
                c.integer(q + "max-link-entries", d.maxLinkEntries(), 1, 100_000_000));
    }

    private static TravelSettings travel(ConfigReader c, String q, TravelSettings d) {
        return new TravelSettings(locations(c, q + "locations"),
                c.positiveLong(q + "max-speed-kmh", (long) d.maxSpeedKmh()),
                c.integer(q + "min-distance-km", (int) d.minDistanceKm(), 0, 40_000),
                c.duration(q + "hijack-window", d.hijackWindow()),
                c.integer(q + "hijack-changes", d.hijackChanges(), 2, 1000));
    }

    private static MassAssignmentSettings massAssignment(ConfigReader c, String q, MassAssignmentSettings d) {
        return new MassAssignmentSettings(
                c.integer(q + "warmup-writes", d.warmupWrites(), 1, 1_000_000),
                c.duration(q + "warmup", d.warmup()),
                c.integer(q + "learn-principals", d.learnPrincipals(), 1, 8),
                c.integer(q + "unknown-properties", d.unknownProperties(), 1, 1000),
                c.integer(q + "adopt-writes", d.adoptWrites(), 1, 1_000_000),
                c.integer(q + "max-properties", d.maxProperties(), 1, 4096),
                c.list(q + "privileged", d.privileged()));
    }

    /** {@code periscope.detection.behaviour.travel.locations.<name>.networks|latitude|longitude}. */
    private static List<NetworkLocation> locations(ConfigReader c, String prefix) {
        Map<String, Map<String, String>> byName = new TreeMap<>();
        c.map(prefix).forEach((key, value) -> {
            int dot = key.lastIndexOf('.');
            if (dot <= 0) {
                throw new ConfigurationException(prefix + "." + key, value,
                        "expected " + prefix + ".<name>.networks, .latitude or .longitude");
            }
            byName.computeIfAbsent(key.substring(0, dot), n -> new TreeMap<>()).put(key.substring(dot + 1), value);
        });
        List<NetworkLocation> out = new ArrayList<>();
        byName.forEach((name, fields) -> {
            String networks = fields.get("networks");
            String lat = fields.get("latitude");
            String lon = fields.get("longitude");
            if (networks == null || lat == null || lon == null) {
                throw new ConfigurationException(prefix + "." + name, String.valueOf(fields),
                        "a location needs networks, latitude and longitude");
            }
            try {
                out.add(new NetworkLocation(name, java.util.Arrays.stream(networks.split(",")).map(String::trim).toList(), Double.parseDouble(lat.trim()),
                        Double.parseDouble(lon.trim())));
            } catch (NumberFormatException e) {
                throw new ConfigurationException(prefix + "." + name, lat + "," + lon, "latitude and longitude in degrees");
            }
        });
        return out;
    }

    /** {@code periscope.detection.principals.business.<name>.path-segment|header}. */
    private static List<BusinessIdentifier> business(ConfigReader c) {
        Map<String, Map<String, String>> byName = new TreeMap<>();
        c.map(P + "principals.business").forEach((key, value) -> {
            int dot = key.lastIndexOf('.');
            if (dot <= 0) {
                throw new ConfigurationException(P + "principals.business." + key, value,
                        "expected periscope.detection.principals.business.<name>.path-segment or .header");
            }
            byName.computeIfAbsent(key.substring(0, dot), n -> new TreeMap<>()).put(key.substring(dot + 1), value);
        });
        List<BusinessIdentifier> out = new ArrayList<>();
        byName.forEach((name, fields) -> out.add(new BusinessIdentifier(name, fields.get("path-segment"), fields.get("header"))));
        return out;
    }
}
