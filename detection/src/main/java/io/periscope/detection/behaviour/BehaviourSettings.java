package io.periscope.detection.behaviour;

import java.time.Duration;
import java.util.List;

/**
 * Thresholds of the behavioural detectors ({@code periscope.detection.behaviour.*}; defaults and the reasoning behind
 * them in docs/detection.md). Every count is per actor and per {@link #window()} of event time. A threshold
 * is the larger of its floor here and {@link #peerFactor()} times the peers' p99 once {@link #warmupWindows()} peer
 * windows were seen, so that an API whose ordinary clients are busy raises its own bar.
 *
 * @param window                  the event-time window counts are taken over
 * @param warmupWindows           closed windows (of peers, or of the actor itself) before a learned baseline counts
 * @param peerFactor              how far above the peers' p99 an actor must be
 * @param bolaDistinctIds         distinct object ids under one template
 * @param bolaDeniedIds           403/404 answers on object ids of one template
 * @param bruteForceFailures      failed sign-ins against one account
 * @param stuffingAccounts        distinct accounts with failed sign-ins
 * @param sprayingAccounts        distinct accounts tried with one password
 * @param reconNotFoundPaths      distinct paths answered 404
 * @param reconMethods            distinct methods answered 405/501 (method probing)
 * @param scannerAgents           User-Agent fragments of attack tools (lower case)
 * @param sharingAddresses        distinct client addresses presenting one credential
 * @param sharingAgents           distinct User-Agents presenting one credential
 * @param scrapingRequests        successful reads
 * @param scrapingBytes           response bytes
 * @param rateRequests            requests
 * @param rateOwnFactor           how far above its own average window an actor must be
 * @param errorRequests           errors (4xx/5xx), with at least half of the requests failing
 * @param jwtRejectedCopies       distinct tokens of one subject rejected with 401
 * @param signInPaths             path templates that are sign-in endpoints whatever the traffic shows
 * @param ownership               BOLA on objects other principals own
 * @param campaigns               low-and-slow credential stuffing over many addresses
 * @param travel                  impossible travel and session hijack between networks
 * @param massAssignment          writes of properties the endpoint's learned schema never carried
 */
public record BehaviourSettings(Duration window, int warmupWindows, double peerFactor, int bolaDistinctIds,
                                int bolaDeniedIds, int bruteForceFailures, int stuffingAccounts, int sprayingAccounts,
                                int reconNotFoundPaths, int reconMethods, List<String> scannerAgents,
                                int sharingAddresses, int sharingAgents, int scrapingRequests, long scrapingBytes,
                                int rateRequests, double rateOwnFactor, int errorRequests, int jwtRejectedCopies,
                                List<String> signInPaths, OwnershipSettings ownership, CampaignSettings campaigns,
                                TravelSettings travel, MassAssignmentSettings massAssignment) {

    public static final List<String> DEFAULT_SCANNERS = List.of("sqlmap", "nikto", "gobuster", "ffuf", "hydra", "nuclei",
            "wfuzz", "dirbuster", "masscan", "zgrab", "acunetix", "nessus", "openvas", "burp", "zap/", "nmap",
            "feroxbuster", "dirb", "wpscan", "jaeles", "arachni", "whatweb", "commix", "xsstrike",
            "fuzz faster u fool");

    public BehaviourSettings {
        if (window == null || window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("window must be positive");
        }
        scannerAgents = scannerAgents == null ? DEFAULT_SCANNERS : scannerAgents.stream().map(s -> s.toLowerCase(java.util.Locale.ROOT)).toList();
        signInPaths = signInPaths == null ? List.of() : List.copyOf(signInPaths);
        ownership = ownership == null ? OwnershipSettings.defaults() : ownership;
        campaigns = campaigns == null ? CampaignSettings.defaults() : campaigns;
        travel = travel == null ? TravelSettings.defaults() : travel;
        massAssignment = massAssignment == null ? MassAssignmentSettings.defaults() : massAssignment;
    }

    /** The thresholds of the per-actor detectors, with the defaults of the cross-actor ones. */
    public BehaviourSettings(Duration window, int warmupWindows, double peerFactor, int bolaDistinctIds,
                             int bolaDeniedIds, int bruteForceFailures, int stuffingAccounts, int sprayingAccounts,
                             int reconNotFoundPaths, int reconMethods, List<String> scannerAgents,
                             int sharingAddresses, int sharingAgents, int scrapingRequests, long scrapingBytes,
                             int rateRequests, double rateOwnFactor, int errorRequests, int jwtRejectedCopies,
                             List<String> signInPaths) {
        this(window, warmupWindows, peerFactor, bolaDistinctIds, bolaDeniedIds, bruteForceFailures, stuffingAccounts,
                sprayingAccounts, reconNotFoundPaths, reconMethods, scannerAgents, sharingAddresses, sharingAgents,
                scrapingRequests, scrapingBytes, rateRequests, rateOwnFactor, errorRequests, jwtRejectedCopies,
                signInPaths, null, null, null, null);
    }

    public static BehaviourSettings defaults() {
        return new BehaviourSettings(Duration.ofMinutes(10), 20, 3.0, 40, 15, 10, 10, 6, 25, 4, DEFAULT_SCANNERS, 4, 4,
                600, 50L * 1024 * 1024, 1200, 10.0, 200, 5, List.of(), OwnershipSettings.defaults(),
                CampaignSettings.defaults(), TravelSettings.defaults(), MassAssignmentSettings.defaults());
    }

    public long windowMicros() {
        return window.toNanos() / 1000;
    }
}
