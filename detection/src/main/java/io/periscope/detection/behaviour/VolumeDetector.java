package io.periscope.detection.behaviour;

import io.periscope.events.detection.Outcome;

import java.util.List;

/**
 * Scraping / mass data access (OWASP API4/API6) and rate and error abuse: an actor's successful reads, response
 * bytes, requests or errors in one window against floors, the peers' p99 (× {@code peerFactor}) and, for requests,
 * the actor's own average window (× {@code rateOwnFactor}) once it is warmed up. Errors count only when at least
 * half of the window's requests failed: a busy client with a few errors is not abusing anything.
 */
final class VolumeDetector implements BehaviourDetector {
    private final BehaviourSettings settings;

    VolumeDetector(BehaviourSettings settings) {
        this.settings = settings;
    }

    @Override
    public void observe(Observation o, ActorProfile profile, Peers peers, List<Finding> out) {
        ActorWindow w = profile.window;
        w.requests++;
        w.bytes += Math.max(0, o.responseBytes());
        if (o.error()) {
            w.errors++;
        }
        if ("GET".equalsIgnoreCase(o.method()) && o.success()) {
            w.successfulReads++;
        }
        int warmup = settings.warmupWindows();
        double readsBaseline = peers.p99(Peers.Metric.SUCCESSFUL_READS, warmup);
        double readsThreshold = Math.max(settings.scrapingRequests(), settings.peerFactor() * readsBaseline);
        if (w.successfulReads >= readsThreshold && w.fire("SCRAPING:reads")) {
            out.add(Finding.of(BehaviourType.SCRAPING, Outcome.LIKELY_SUCCESS, "successful reads in one window",
                    w.successfulReads, readsBaseline, readsThreshold, null));
        }
        double bytesBaseline = peers.p99(Peers.Metric.BYTES, warmup);
        double bytesThreshold = Math.max(settings.scrapingBytes(), settings.peerFactor() * bytesBaseline);
        if (w.bytes >= bytesThreshold && w.fire("SCRAPING:bytes")) {
            out.add(Finding.of(BehaviourType.SCRAPING, Outcome.LIKELY_SUCCESS, "response bytes in one window", w.bytes,
                    bytesBaseline, bytesThreshold, null));
        }
        double own = profile.baseline.requestsPerWindow(o.timeMicros(), settings.windowMicros(), warmup);
        double peer = peers.p99(Peers.Metric.REQUESTS, warmup);
        double rateThreshold = Math.max(settings.rateRequests(),
                Math.max(settings.rateOwnFactor() * own, settings.peerFactor() * peer));
        if (w.requests >= rateThreshold && w.fire("RATE_ABUSE")) {
            out.add(Finding.of(BehaviourType.RATE_ABUSE, Outcome.ATTEMPTED, "requests in one window", w.requests,
                    Math.max(own, peer), rateThreshold, null));
        }
        if (w.errors >= settings.errorRequests() && w.errors * 2 >= w.requests && w.fire("ERROR_ABUSE")) {
            out.add(Finding.of(BehaviourType.ERROR_ABUSE, Outcome.PROBE, "failed requests in one window (at least half)",
                    w.errors, 0, settings.errorRequests(), null));
        }
    }
}
