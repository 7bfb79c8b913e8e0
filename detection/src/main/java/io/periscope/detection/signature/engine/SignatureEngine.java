package io.periscope.detection.signature.engine;

import io.periscope.detection.decode.Decoder;
import io.periscope.detection.signature.AttackClass;
import io.periscope.detection.signature.InputLocation;
import io.periscope.detection.signature.Match;
import io.periscope.detection.signature.ValueDetector;
import io.periscope.detection.signature.ValueScan;
import io.periscope.detection.signature.locate.InputLocator;
import io.periscope.detection.signature.locate.LocateLimits;
import io.periscope.detection.signature.locate.Located;
import io.periscope.detection.signature.locate.LocatedValue;
import io.periscope.events.http.HttpExchange;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The signature pass: every input location of an exchange ({@link InputLocator}), each in every decoded form an
 * attacker may have used to hide ({@link Decoder#variants}), judged by every {@link ValueDetector}; each attack found
 * becomes a {@link SignatureFinding} whose severity weighs how the server answered ({@link ResponseJudge},
 * {@link SeverityPolicy}).
 *
 * <p>Most of the traffic is benign and repeats; two things keep its cost low without skipping a value a detector
 * could match: a value every detector judged clean is remembered, bounded, by value and place
 * ({@link CleanVerdicts}); and every decoded form is scanned once for the characters it holds, so a detector whose
 * attacks need characters the form lacks is not run on it ({@link ValueDetector#mayMatch}).
 *
 * <p>Per exchange, one finding per attack class and location (the most confident over the decoded forms), at most
 * {@link #MAX_FINDINGS} (the rest counted in {@link SignatureStats#findingsDropped()}). Stateless apart from its
 * counters; thread-safe.
 */
public final class SignatureEngine {
    /** Findings reported per exchange: a scanner request fires a handful; hundreds would say nothing more. */
    public static final int MAX_FINDINGS = 32;

    /** An array, not a list: the loop over it runs for every value that misses the memo. */
    private final ValueDetector[] detectors;
    private final InputLocator locator;
    private final SignatureStats stats = new SignatureStats();
    /** Null when the engine judges every value afresh. */
    private final CleanVerdicts clean;

    public SignatureEngine(List<ValueDetector> detectors, LocateLimits limits) {
        this(detectors, limits, true);
    }

    /**
     * @param rememberClean whether values judged clean are remembered ({@link CleanVerdicts}); false judges every value
     *                      afresh, which measures what a value costs when the memo misses
     */
    public SignatureEngine(List<ValueDetector> detectors, LocateLimits limits, boolean rememberClean) {
        this.detectors = detectors.toArray(ValueDetector[]::new);
        this.locator = new InputLocator(Objects.requireNonNull(limits, "limits"));
        this.clean = rememberClean ? new CleanVerdicts() : null;
    }

    /** The default detectors ({@link SignatureDetectors#all()}) within the default limits. */
    public static SignatureEngine withDefaults() {
        return new SignatureEngine(SignatureDetectors.all(), LocateLimits.DEFAULTS);
    }

    public SignatureStats stats() {
        return stats;
    }

    /** The attacks in the exchange's request, with severity by its response; empty for a benign request. */
    public List<SignatureFinding> inspect(HttpExchange exchange) {
        Located located = locator.locate(exchange);
        stats.exchange(located.values().size(), located.capped());
        Map<Key, Match> best = null;
        for (LocatedValue v : located.values()) {
            best = judge(v.value(), v.location(), exchange.serverHost(), best);
        }
        if (best == null) {
            return List.of();
        }
        boolean revealing = ResponseJudge.revealingBody(exchange);
        List<SignatureFinding> out = new ArrayList<>(Math.min(best.size(), MAX_FINDINGS));
        for (Map.Entry<Key, Match> e : best.entrySet()) {
            if (out.size() >= MAX_FINDINGS) {
                stats.findingDropped();
                continue;
            }
            Match m = e.getValue();
            Outcome outcome = ResponseJudge.outcome(exchange, m.attackClass(), revealing);
            out.add(finding(m, e.getKey().location(), outcome));
        }
        return out;
    }

    /** The attacks in one value found at {@code location}, outside any exchange (offline inspection, tests). */
    public List<SignatureFinding> inspectValue(String value, InputLocation location) {
        Map<Key, Match> best = judge(value, location, null, null);
        if (best == null) {
            return List.of();
        }
        List<SignatureFinding> out = new ArrayList<>(best.size());
        best.forEach((k, m) -> out.add(finding(m, k.location(), Outcome.UNANSWERED)));
        return out;
    }

    /**
     * Judges one raw value: a value judged clean before at the same place is skipped ({@link CleanVerdicts}); else each
     * decoded form is scanned once ({@link ValueScan}) and only the detectors whose gate the form passes run on it.
     * Per detector the most confident form wins ({@link ValueDetector#inspectScans}).
     *
     * @param best the matches of the exchange so far, null while there are none (benign exchanges allocate no map)
     * @return {@code best}, or a new map holding this value's matches
     */
    private Map<Key, Match> judge(String value, InputLocation location, String serverHost, Map<Key, Match> best) {
        if (clean != null && clean.known(value, location, serverHost)) {
            stats.memoHit();
            return best;
        }
        List<String> forms = Decoder.variants(value);
        List<ValueScan> scans = new ArrayList<>(forms.size());
        for (String form : forms) {
            scans.add(ValueScan.of(form));
        }
        boolean found = false;
        for (ValueDetector d : detectors) {
            Match top = d.inspectScans(scans, location, serverHost).orElse(null);
            if (top != null) {
                found = true;
                if (best == null) {
                    best = new LinkedHashMap<>();
                }
                best.merge(new Key(top.attackClass(), location), top,
                        (a, b) -> a.confidence() >= b.confidence() ? a : b);
            }
        }
        if (!found && clean != null) {
            clean.clean(value, location, serverHost);
        }
        return best;
    }

    private SignatureFinding finding(Match m, InputLocation location, Outcome outcome) {
        stats.finding(m.attackClass());
        return new SignatureFinding(m.attackClass(), location, m.rule(), EvidenceMask.mask(m.evidence()),
                m.confidence(), outcome, SeverityPolicy.severity(m.confidence(), outcome));
    }

    private record Key(AttackClass attackClass, InputLocation location) {
    }
}
