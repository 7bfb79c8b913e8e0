package io.periscope.detection.signature;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Judges one input value for one attack class.
 *
 * <p>Contract: {@code value} has already been decoded by the caller (one of the decodings an attacker would use to
 * hide, see the {@code decode} package) and is bounded in length by the caller. An implementation runs in time
 * linear in the value's length (no backtracking regular expressions on attacker input), allocates little, keeps no
 * state between calls and is safe to call from several threads.
 */
public interface ValueDetector {

    AttackClass attackClass();

    /** The match if {@code value}, found at {@code location}, is an attack of this detector's class. */
    Optional<Match> inspect(String value, InputLocation location);

    /**
     * The same judgement, told the host the request was sent to ({@code HttpExchange.serverHost()}, null when unknown),
     * for detectors that compare a URL in the value with it (an open redirect leads to another host). The default
     * ignores the host.
     */
    default Optional<Match> inspect(String value, InputLocation location, String serverHost) {
        return inspect(value, location);
    }

    /**
     * Whether this detector can match the value {@code scan} read, judged from the characters it holds alone: false
     * only if {@link #inspect(String, InputLocation, String)} of that value is empty at every location and host. The
     * signature pass asks this first and skips the detector when it answers false, so a gate must be conservative;
     * {@code DetectorGatesTest} checks every gate against the corpus and values built to reach each rule. The default,
     * true, always runs the detector.
     */
    default boolean mayMatch(ValueScan scan) {
        return true;
    }

    /**
     * The most confident match over {@code forms}, the decodings of one raw value ({@code Decoder.variants}): the
     * judgement the signature pass keeps for this detector, whichever decoding revealed the attack.
     */
    default Optional<Match> inspectForms(List<String> forms, InputLocation location, String serverHost) {
        List<ValueScan> scans = new ArrayList<>(forms.size());
        for (String form : forms) {
            scans.add(ValueScan.of(form));
        }
        return inspectScans(scans, location, serverHost);
    }

    /**
     * {@link #inspectForms} of forms already scanned (the signature pass scans each form once for every detector):
     * each form behind this detector's {@link #mayMatch} gate, the most confident match kept.
     */
    default Optional<Match> inspectScans(List<ValueScan> forms, InputLocation location, String serverHost) {
        Match top = null;
        for (ValueScan form : forms) {
            if (!mayMatch(form)) {
                continue;
            }
            Match m = inspect(form.value(), location, serverHost).orElse(null);
            if (m != null && (top == null || m.confidence() > top.confidence())) {
                top = m;
            }
        }
        return Optional.ofNullable(top);
    }
}
