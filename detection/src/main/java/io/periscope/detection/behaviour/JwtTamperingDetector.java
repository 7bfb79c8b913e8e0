package io.periscope.detection.behaviour;

import io.periscope.events.detection.Outcome;
import io.periscope.events.detection.Severity;
import io.periscope.events.http.JwtInfo;

import java.util.List;
import java.util.Locale;

/**
 * Token forgery and tampering (OWASP API2) in the JWTs an actor presents:
 * <ul>
 *   <li>{@code alg: none} (any case) — an unsigned token;</li>
 *   <li>a {@code kid} with path or injection characters ({@code ../}, {@code /}, {@code \}, {@code |}, {@code ;},
 *       quote) — key-file and key-lookup tricks;</li>
 *   <li>an {@code alg}, {@code kid} or {@code iss} that differs from what the same subject's tokens carried before
 *       (algorithm confusion, a token minted elsewhere);</li>
 *   <li>{@code jwtRejectedCopies} distinct tokens of one subject refused with 401 in one window (edited copies).</li>
 * </ul>
 * A tampered token the server answered 2xx is the incident that matters: critical, likely success.
 */
final class JwtTamperingDetector implements BehaviourDetector {
    private final BehaviourSettings settings;

    JwtTamperingDetector(BehaviourSettings settings) {
        this.settings = settings;
    }

    @Override
    public void observe(Observation o, ActorProfile profile, Peers peers, List<Finding> out) {
        JwtInfo jwt = o.jwt();
        if (jwt == null) {
            return;
        }
        String reason = tampered(jwt, profile.baseline);
        ActorWindow w = profile.window;
        if (reason != null) {
            Outcome outcome = o.success() ? Outcome.LIKELY_SUCCESS : o.status() == 0 ? Outcome.ATTEMPTED : Outcome.PROBE;
            if (w.fire("JWT_TAMPERING:" + outcome)) {
                Finding f = Finding.of(BehaviourType.JWT_TAMPERING, outcome, reason, 1, 0, 1, o.template());
                out.add(outcome == Outcome.LIKELY_SUCCESS ? f.escalated(Severity.CRITICAL, outcome).withConfidence(0.97) : f);
            }
        } else if (o.success()) {
            remember(jwt, profile.baseline);
        }
        if (o.status() == 401 && jwt.sub() != null && o.principals().credential() != null) {
            Distinct copies = ActorWindow.bounded(w.rejectedTokensBySubject, jwt.sub(), ActorWindow.MAX_CREDENTIALS,
                    Distinct::new);
            if (copies != null) {
                copies.add(o.principals().credential());
                long n = copies.count();
                if (n >= settings.jwtRejectedCopies() && w.fire("JWT_TAMPERING:rejected")) {
                    out.add(Finding.of(BehaviourType.JWT_TAMPERING, Outcome.PROBE,
                            "distinct tokens of one subject refused with 401", n, 0, settings.jwtRejectedCopies(),
                            o.template()));
                }
            }
        }
    }

    static String tampered(JwtInfo jwt, ActorBaseline baseline) {
        if (jwt.alg() == null || jwt.alg().toLowerCase(Locale.ROOT).equals("none")) {
            return "JWT with alg none (unsigned)";
        }
        if (jwt.kid() != null && suspiciousKid(jwt.kid())) {
            return "JWT kid with path or injection characters";
        }
        if (jwt.sub() == null) {
            return null;
        }
        ActorBaseline.JwtSeen seen = baseline.jwtBySubject.get(jwt.sub());
        if (seen == null) {
            return null;
        }
        if (!seen.alg().equals(jwt.alg())) {
            return "JWT alg " + jwt.alg() + " where the subject's tokens carried " + seen.alg();
        }
        if (seen.kid() != null && jwt.kid() != null && !seen.kid().equals(jwt.kid())
                && seen.iss() != null && !seen.iss().equals(jwt.iss())) {
            return "JWT of another key and issuer than the subject's tokens";
        }
        return null;
    }

    private static boolean suspiciousKid(String kid) {
        for (int i = 0; i < kid.length(); i++) {
            char c = kid.charAt(i);
            if (c == '/' || c == '\\' || c == '|' || c == ';' || c == '\'' || c == '"' || c == '`' || c == '$') {
                return true;
            }
        }
        return kid.contains("..");
    }

    private static void remember(JwtInfo jwt, ActorBaseline baseline) {
        if (jwt.sub() == null || (!baseline.jwtBySubject.containsKey(jwt.sub())
                && baseline.jwtBySubject.size() >= ActorBaseline.MAX_SUBJECTS)) {
            return;
        }
        baseline.jwtBySubject.put(jwt.sub(), new ActorBaseline.JwtSeen(jwt.alg(), jwt.kid(), jwt.iss()));
    }
}
