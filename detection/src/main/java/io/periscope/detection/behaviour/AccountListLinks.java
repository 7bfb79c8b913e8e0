package io.periscope.detection.behaviour;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Low-and-slow stuffing linked by the account list: addresses that rotate client fingerprints but replay one list of
 * accounts try the same accounts, which people signing in to their own accounts do not. Works on the sign-in attempts
 * of one endpoint, which meet on one task ({@link SignInAttempt#campaignKey()}).
 *
 * <p>Only failed attempts start this: per account, the last {@value AccountTriers#MAX_ACTORS} actors that failed on it ({@link AccountTriers}, keyed by a
 * hash of the login, never the login); per actor, its own counts and, for up to {@value ActorTrail#MAX_PEERS} other
 * actors, how many distinct accounts both tried within the window ({@link ActorTrail}). When an actor shares
 * {@code sharedAccounts} accounts with another, both are linked: their counts join the endpoint's account-list
 * campaign ({@link CampaignState}), and every later attempt of a linked actor counts there directly. The campaign is
 * judged like a fingerprint campaign (addresses, failing accounts, failure ratio in one window; {@link
 * StuffingCampaigns}) and reported to its own actor {@code campaign:accounts:<hash of the endpoint>}.
 *
 * <p>Benign traffic does not link: an account signed into successfully is forgotten (the failures before were its
 * owner's typos, whichever device or address they came from), an office behind one NAT is one address whose users each try their own account, and a family or
 * team sharing one account shares one. Memory: one {@link AccountTriers} (four actor ids) per account tried, one
 * {@link ActorTrail} (two small sketches and eight peers) per actor trying, one campaign per endpoint; the processor
 * bounds their number and sweeps idle ones.
 */
public final class AccountListLinks {
    private final CampaignSettings settings;
    private final StuffingCampaigns campaigns;

    /** The stored states of one sign-in endpoint: how the processor hands them over. */
    public interface States {
        /** The actor's trail, or null when none is stored. */
        ActorTrail actor(String actorId);

        void putActor(String actorId, ActorTrail trail);

        /** The account's triers (by the account's key, {@link #accountKey}), or null. */
        AccountTriers account(String accountKey);

        void putAccount(String accountKey, AccountTriers triers);

        /** Forgets the account's triers. */
        void removeAccount(String accountKey);

        /** The endpoint's account-list campaign, or null. */
        CampaignState campaign();

        void putCampaign(CampaignState campaign);
    }

    public AccountListLinks(CampaignSettings settings) {
        this.settings = settings;
        this.campaigns = new StuffingCampaigns(settings);
    }

    /** Counts the attempt; returns the account-list campaign's finding when it crossed (or worsened), else null. */
    public CampaignFinding observe(SignInAttempt a, States states) {
        if (a.login() == null || a.actorId() == null) {
            return null;
        }
        long window = settings.windowMicros();
        if (a.succeeded()) {
            // its owner got in: the failures before were the owner's typos, on whichever device, and link no one
            forget(states, accountKey(a.login()));
        }
        ActorTrail trail = states.actor(a.actorId());
        if (trail == null && !a.failed()) {
            // only failures start a trail: people signing in successfully cost nothing here
            return null;
        }
        if (trail == null) {
            trail = new ActorTrail();
        }
        trail.count(a, window);
        List<String> linkedPeers = a.failed() ? sharedWith(a, trail, states) : List.of();
        if (!trail.linked && linkedPeers.isEmpty()) {
            states.putActor(a.actorId(), trail);
            return null;
        }
        CampaignState campaign = states.campaign();
        if (campaign == null) {
            campaign = new CampaignState();
        }
        if (trail.linked) {
            campaigns.count(campaign, a);
        } else {
            campaigns.window(campaign, a.timeMicros());
            trail.linked = true;
            trail.joinInto(campaign);
        }
        states.putActor(a.actorId(), trail);
        for (String peer : linkedPeers) {
            ActorTrail other = states.actor(peer);
            if (other != null && !other.linked && a.timeMicros() < other.startMicros + window) {
                other.linked = true;
                other.joinInto(campaign);
                states.putActor(peer, other);
            }
        }
        CampaignFinding f = campaigns.judge(campaign, a, actorId(a.serviceKey(), a.template()),
                "linked by the accounts they tried (pairs sharing " + settings.sharedAccounts() + "+ accounts)");
        states.putCampaign(campaign);
        return f;
    }

    /**
     * Records the failed attempt on its account's triers and counts one more shared account with each other actor
     * that failed on it in the window (once per account); returns the actors now sharing enough to be linked.
     */
    private List<String> sharedWith(SignInAttempt a, ActorTrail trail, States states) {
        String key = accountKey(a.login());
        AccountTriers triers = states.account(key);
        if (triers == null) {
            triers = new AccountTriers();
        }
        List<String> others = triers.tried(a.actorId(), a.timeMicros(), a.timeMicros() - settings.windowMicros());
        states.putAccount(key, triers);
        List<String> linked = new ArrayList<>();
        for (String other : others == null ? List.<String>of() : others) {
            if (trail.shared(other) >= settings.sharedAccounts()) {
                linked.add(other);
            }
        }
        return linked;
    }

    private static void forget(States states, String accountKey) {
        if (states.account(accountKey) != null) {
            states.removeAccount(accountKey);
        }
    }

    /** The actor all of an endpoint's account-list campaign addresses are joined into. */
    public static String actorId(String serviceKey, String template) {
        return "campaign:accounts:" + digest(serviceKey + '|' + template).substring(0, 16);
    }

    /** What an account is stored under: a digest of its login, so the store holds no account names. */
    public static String accountKey(String login) {
        return digest(login).substring(0, 24);
    }

    private static String digest(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }
}
