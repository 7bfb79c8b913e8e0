package io.periscope.detection.behaviour;

import io.periscope.events.detection.Outcome;

import java.util.List;

/**
 * Brute force, credential stuffing and password spraying on sign-in endpoints (a POST carrying a password, or a
 * configured sign-in path). A failure is a 4xx answer other than 429 (rate limited: the server refused to judge).
 * <ul>
 *   <li>brute force: {@code bruteForceFailures} failures against one account;</li>
 *   <li>credential stuffing: {@code stuffingAccounts} distinct accounts failing, each with its own password;</li>
 *   <li>password spraying: one password fingerprint tried against {@code sprayingAccounts} accounts.</li>
 * </ul>
 * A success after failures in the same window makes the finding a likely success (an account taken over).
 */
final class SignInAbuseDetector implements BehaviourDetector {
    private static final String UNKNOWN_ACCOUNT = "?";
    private final BehaviourSettings settings;

    SignInAbuseDetector(BehaviourSettings settings) {
        this.settings = settings;
    }

    @Override
    public void observe(Observation o, ActorProfile profile, Peers peers, List<Finding> out) {
        if (!o.signInEndpoint() || o.status() == 0) {
            return;
        }
        ActorWindow w = profile.window;
        String account = o.signIn() != null && o.signIn().login() != null ? o.signIn().login() : UNKNOWN_ACCOUNT;
        boolean failed = o.status() >= 400 && o.status() < 500 && o.status() != 429;
        if (!failed) {
            if (o.success()) {
                w.signInSuccesses++;
            }
            recheckOnSuccess(o, w, out);
            return;
        }
        w.signInFailures++;
        w.failedAccounts.add(account);
        Long perAccount = w.failuresByAccount.get(account);
        long failures = perAccount == null ? 1 : perAccount + 1;
        if (perAccount != null || w.failuresByAccount.size() < ActorWindow.MAX_ACCOUNTS) {
            w.failuresByAccount.put(account, failures);
        }
        if (o.signIn() != null && o.signIn().passwordFingerprint() != null) {
            Distinct accounts = ActorWindow.bounded(w.accountsByPassword, o.signIn().passwordFingerprint(),
                    ActorWindow.MAX_PASSWORDS, Distinct::new);
            if (accounts != null) {
                accounts.add(account);
                long n = accounts.count();
                if (n >= settings.sprayingAccounts() && w.fire("PASSWORD_SPRAYING")) {
                    out.add(Finding.of(BehaviourType.PASSWORD_SPRAYING, outcome(w), "accounts tried with one password",
                            n, 0, settings.sprayingAccounts(), o.template()));
                }
            }
        }
        long accounts = w.failedAccounts.count();
        if (accounts >= settings.stuffingAccounts() && w.fire("CREDENTIAL_STUFFING")) {
            out.add(Finding.of(BehaviourType.CREDENTIAL_STUFFING, outcome(w), "distinct accounts with failed sign-ins",
                    accounts, 0, settings.stuffingAccounts(), o.template()));
        }
        if (failures >= settings.bruteForceFailures() && w.fire("BRUTE_FORCE")) {
            out.add(Finding.of(BehaviourType.BRUTE_FORCE, outcome(w), "failed sign-ins against one account",
                    failures, 0, settings.bruteForceFailures(), o.template()));
        }
    }

    /** A success after a reported attack in the same window: reported again, now as a likely success. */
    private void recheckOnSuccess(Observation o, ActorWindow w, List<Finding> out) {
        if (!o.success()) {
            return;
        }
        for (BehaviourType type : List.of(BehaviourType.BRUTE_FORCE, BehaviourType.CREDENTIAL_STUFFING,
                BehaviourType.PASSWORD_SPRAYING)) {
            if (w.fired.contains(type.name()) && w.fire(type.name() + ":" + Outcome.LIKELY_SUCCESS)) {
                out.add(Finding.of(type, Outcome.LIKELY_SUCCESS, "successful sign-in after failed ones",
                        w.signInSuccesses, 0, 1, o.template()));
            }
        }
    }

    private static Outcome outcome(ActorWindow w) {
        return w.signInSuccesses > 0 ? Outcome.LIKELY_SUCCESS : Outcome.PROBE;
    }
}
