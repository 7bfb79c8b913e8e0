package io.periscope.detection.behaviour;

import io.periscope.events.detection.Outcome;

import java.util.Locale;
import java.util.Map;

/**
 * Low-and-slow credential stuffing: the sign-in attempts of one client fingerprint on one endpoint, whatever address
 * they come from ({@link CampaignState}). Each address of a botnet tries a few accounts, under every per-actor
 * threshold; together they are one tool walking one account list. A fingerprint group is a campaign when, within
 * {@code window}: at least {@code addresses} distinct addresses, at least {@code failedAccounts} distinct accounts
 * failing, and failures at least {@code failureRatio} of its attempts. The ratio keeps benign users out: people whose
 * browsers share a fingerprint mostly sign in successfully. A success inside a campaign is a likely account takeover.
 * The explanation carries the error mix (failures by status) and the regularity of the attempts' timing, which raises
 * the confidence when it is a machine's.
 */
public final class StuffingCampaigns {
    /**
     * Attempt gaps whose standard deviation is below this fraction of their mean are a scheduler's, not people's
     * (people signing in are close to a Poisson process, variation about 1): confidence + 0.05.
     */
    static final double REGULAR_TIMING = 0.3;
    private final CampaignSettings settings;

    public StuffingCampaigns(CampaignSettings settings) {
        this.settings = settings;
    }

    /** Counts the attempt; returns the campaign's finding when it crossed (or worsened), else null. */
    public CampaignFinding observe(CampaignState s, SignInAttempt a) {
        count(s, a);
        return judge(s, a, actorId(a.fingerprint()), "sharing one client fingerprint");
    }

    /** Counts one attempt into a campaign's window (started afresh when the attempt is past it). */
    void count(CampaignState s, SignInAttempt a) {
        window(s, a.timeMicros());
        s.attempts++;
        s.gap(a.timeMicros());
        s.address(a.principals() == null ? null : a.principals().clientIp());
        String account = a.login() == null ? "?" : a.login();
        s.accounts.add(account);
        if (a.failed()) {
            s.failures++;
            s.failedAccounts.add(account);
            s.status(a.status(), 1);
        } else if (a.succeeded()) {
            s.successes++;
        }
    }

    /** Starts the campaign's window afresh when {@code timeMicros} is past it; keeps the latest time seen. */
    void window(CampaignState s, long timeMicros) {
        if (s.startMicros == Long.MIN_VALUE || timeMicros >= s.startMicros + settings.windowMicros()) {
            reset(s, timeMicros);
        }
        s.lastSeenMicros = Math.max(s.lastSeenMicros, timeMicros);
    }

    /**
     * The campaign's finding when its window's counts cross every threshold, once per outcome, addressed to
     * {@code actorId}; {@code linkedBy} says what joined its addresses.
     */
    CampaignFinding judge(CampaignState s, SignInAttempt a, String actorId, String linkedBy) {
        long addresses = s.addresses.count();
        long failed = s.failedAccounts.count();
        double ratio = s.attempts == 0 ? 0 : (double) s.failures / s.attempts;
        if (addresses < settings.addresses() || failed < settings.failedAccounts() || ratio < settings.failureRatio()) {
            return null;
        }
        Outcome outcome = s.successes > 0 ? Outcome.LIKELY_SUCCESS : Outcome.PROBE;
        if (!s.fired.add(outcome.name())) {
            return null;
        }
        double variation = s.gapVariation();
        boolean regular = variation < REGULAR_TIMING;
        String metric = String.format(Locale.ROOT, "distinct accounts failing from %d addresses %s"
                        + " on %s in %d h (failure ratio %.2f, threshold %.2f; %d addresses needed; %.1f"
                        + " accounts per address; errors %s; attempt gaps %s)", addresses, linkedBy, a.template(),
                settings.window().toHours(), ratio, settings.failureRatio(), settings.addresses(),
                (double) s.accounts.count() / Math.max(1, addresses), mix(s.statuses),
                Double.isNaN(variation) ? "unknown" : String.format(Locale.ROOT, "mean %.0f s, variation %.2f%s",
                        s.gapMean / 1_000_000, variation, regular ? ", machine-regular" : ""));
        Finding f = Finding.of(BehaviourType.DISTRIBUTED_CREDENTIAL_STUFFING, outcome, metric, failed, 0,
                settings.failedAccounts(), a.template());
        if (regular) {
            f = f.withConfidence(Math.min(0.99, f.confidence() + 0.05));
        }
        return new CampaignFinding(actorId, f, a.serviceKey(), "POST", a.exchangeId(), a.principals(),
                s.sampleAddresses, a.timeMicros());
    }

    /** The actor all of a campaign's addresses are joined into. */
    public static String actorId(String fingerprint) {
        return "campaign:" + fingerprint;
    }

    private static String mix(Map<Integer, Long> statuses) {
        StringBuilder b = new StringBuilder();
        statuses.forEach((status, n) -> b.append(b.isEmpty() ? "" : ", ").append(status).append('×').append(n));
        return b.toString();
    }

    private static void reset(CampaignState s, long startMicros) {
        s.startMicros = startMicros;
        s.attempts = 0;
        s.failures = 0;
        s.successes = 0;
        s.addresses = new Distinct();
        s.failedAccounts = new Distinct();
        s.accounts = new Distinct();
        s.sampleAddresses.clear();
        s.statuses.clear();
        s.fired.clear();
        s.previousMicros = Long.MIN_VALUE;
        s.gaps = 0;
        s.gapMean = 0;
        s.gapM2 = 0;
    }
}
