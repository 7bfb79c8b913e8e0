package io.periscope.detection.signature.engine;

import io.periscope.detection.decode.Decoder;
import io.periscope.detection.signature.AttackClass;
import io.periscope.detection.signature.InputLocation;
import io.periscope.detection.signature.Match;
import io.periscope.detection.signature.ValueDetector;
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
 * <p>Per exchange, one finding per attack class and location (the most confident over the decoded forms), at most
 * {@link #MAX_FINDINGS} (the rest counted in {@link SignatureStats#findingsDropped()}). Stateless apart from its
 * counters; thread-safe.
 */
public final class SignatureEngine {
    /** Findings reported per exchange: a scanner request fires a handful; hundreds would say nothing more. */
    public static final int MAX_FINDINGS = 32;

    private final List<ValueDetector> detectors;
    private final InputLocator locator;
    private final SignatureStats stats = new SignatureStats();

    public SignatureEngine(List<ValueDetector> detectors, LocateLimits limits) {
        this.detectors = List.copyOf(detectors);
        this.locator = new InputLocator(Objects.requireNonNull(limits, "limits"));
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
        Map<Key, Match> best = new LinkedHashMap<>();
        for (LocatedValue v : located.values()) {
            judge(v.value(), v.location(), exchange.serverHost(), best);
        }
        if (best.isEmpty()) {
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
        Map<Key, Match> best = new LinkedHashMap<>();
        judge(value, location, null, best);
        List<SignatureFinding> out = new ArrayList<>(best.size());
        best.forEach((k, m) -> out.add(finding(m, k.location(), Outcome.UNANSWERED)));
        return out;
    }

    private void judge(String value, InputLocation location, String serverHost, Map<Key, Match> best) {
        List<String> forms = Decoder.variants(value);
        for (ValueDetector d : detectors) {
            Match top = d.inspectForms(forms, location, serverHost).orElse(null);
            if (top != null) {
                best.merge(new Key(top.attackClass(), location), top,
                        (a, b) -> a.confidence() >= b.confidence() ? a : b);
            }
        }
    }

    private SignatureFinding finding(Match m, InputLocation location, Outcome outcome) {
        stats.finding(m.attackClass());
        return new SignatureFinding(m.attackClass(), location, m.rule(), EvidenceMask.mask(m.evidence()),
                m.confidence(), outcome, SeverityPolicy.severity(m.confidence(), outcome));
    }

    private record Key(AttackClass attackClass, InputLocation location) {
    }
}
