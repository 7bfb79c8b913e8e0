package io.periscope.detection.behaviour;

import io.periscope.detection.signature.traversal.WebRootSecrets;
import io.periscope.events.detection.Outcome;
import io.periscope.events.detection.Severity;

import java.util.List;
import java.util.Locale;

/**
 * Reconnaissance: many distinct paths answered 404 (forced browsing), methods refused with 405/501 (method probing),
 * a User-Agent naming an attack tool, or a request path naming a secret file of the web root ({@code /.env},
 * {@code /.git/config}, {@code /wp-config.php.bak}: {@link WebRootSecrets}), which climbs nowhere and so is no path
 * traversal; served with 2xx it is a likely leak. The agent is matched by {@code contains} against a fixed list on at most
 * {@value #MAX_AGENT_CHARS} characters: linear, no regular expression.
 */
final class ReconnaissanceDetector implements BehaviourDetector {
    static final int MAX_AGENT_CHARS = 256;
    private final BehaviourSettings settings;

    ReconnaissanceDetector(BehaviourSettings settings) {
        this.settings = settings;
    }

    @Override
    public void observe(Observation o, ActorProfile profile, Peers peers, List<Finding> out) {
        ActorWindow w = profile.window;
        if (o.userAgent() != null) {
            String scanner = scanner(o.userAgent());
            if (scanner != null && w.fire("RECONNAISSANCE:scanner")) {
                out.add(Finding.of(BehaviourType.RECONNAISSANCE, Outcome.ATTEMPTED, "requests with the User-Agent of "
                        + scanner, 1, 0, 1, null).escalated(Severity.MEDIUM, Outcome.ATTEMPTED).withConfidence(0.95));
            }
        }
        if (o.template() != null) {
            secretFile(o, w, out);
        }
        if (o.notFound() && o.template() != null) {
            w.notFoundPaths.add(o.method() + " " + o.template());
            long paths = w.notFoundPaths.count();
            double baseline = peers.p99(Peers.Metric.NOT_FOUND_PATHS, settings.warmupWindows());
            double threshold = Math.max(settings.reconNotFoundPaths(), settings.peerFactor() * baseline);
            if (paths >= threshold && w.fire("RECONNAISSANCE:404")) {
                out.add(Finding.of(BehaviourType.RECONNAISSANCE, Outcome.PROBE, "distinct paths answered 404", paths,
                        baseline, threshold, null));
            }
        }
        if ((o.status() == 405 || o.status() == 501) && o.method() != null
                && w.refusedMethods.size() < ActorWindow.MAX_METHODS) {
            w.refusedMethods.add(o.method().length() > 16 ? o.method().substring(0, 16) : o.method());
            if (w.refusedMethods.size() >= settings.reconMethods() && w.fire("RECONNAISSANCE:methods")) {
                out.add(Finding.of(BehaviourType.RECONNAISSANCE, Outcome.PROBE, "distinct methods refused with 405/501",
                        w.refusedMethods.size(), 0, settings.reconMethods(), null));
            }
        }
    }

    /**
     * One request for a secret file is enough: no client of a site asks for its {@code .env}. Reported once per window
     * and outcome; a 2xx answer (the file was served) is {@code LIKELY_SUCCESS} and HIGH, other answers a probe.
     */
    private static void secretFile(Observation o, ActorWindow w, List<Finding> out) {
        String file = WebRootSecrets.probedFile(o.template());
        if (file == null) {
            return;
        }
        boolean served = o.status() >= 200 && o.status() < 300;
        Outcome outcome = served ? Outcome.LIKELY_SUCCESS : o.status() >= 500 ? Outcome.ATTEMPTED : Outcome.PROBE;
        if (w.fire("RECONNAISSANCE:secret-file:" + outcome)) {
            out.add(Finding.of(BehaviourType.RECONNAISSANCE, outcome, "requests for secret files of the web root ("
                    + file + ")", 1, 0, 1, o.template()));
        }
    }

    private String scanner(String agent) {
        String a = (agent.length() > MAX_AGENT_CHARS ? agent.substring(0, MAX_AGENT_CHARS) : agent).toLowerCase(Locale.ROOT);
        for (String s : settings.scannerAgents()) {
            if (a.contains(s)) {
                return s;
            }
        }
        return null;
    }
}
