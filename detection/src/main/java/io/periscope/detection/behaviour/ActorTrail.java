package io.periscope.detection.behaviour;

import com.fasterxml.jackson.annotation.JsonAutoDetect;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * One actor's sign-ins on one endpoint in its current linking window ({@link AccountListLinks}): its own counts, kept
 * so that they join a campaign when the actor is linked, and the actors it shares tried accounts with. Invariants:
 * counts are of the window starting at {@code startMicros}; {@code peers} maps at most {@value #MAX_PEERS} other
 * actors to the number of distinct accounts both tried (when full, a new peer replaces the one with the fewest);
 * {@code linked} is set once the actor joined its endpoint's account-list campaign in this window.
 */
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
public final class ActorTrail {
    /** Peers tracked: a replayed list links an address within its first few shared accounts. */
    static final int MAX_PEERS = 8;

    long startMicros = Long.MIN_VALUE;
    long lastSeenMicros;
    long attempts;
    long failures;
    long successes;
    String address;
    Distinct accounts = new Distinct();
    Distinct failedAccounts = new Distinct();
    TreeMap<Integer, Long> statuses = new TreeMap<>();
    Map<String, Integer> peers = new HashMap<>();
    boolean linked;

    /** Counts the attempt, starting the window afresh when it is past it. */
    void count(SignInAttempt a, long windowMicros) {
        if (startMicros == Long.MIN_VALUE || a.timeMicros() >= startMicros + windowMicros) {
            startMicros = a.timeMicros();
            attempts = 0;
            failures = 0;
            successes = 0;
            accounts = new Distinct();
            failedAccounts = new Distinct();
            statuses.clear();
            peers.clear();
            linked = false;
        }
        lastSeenMicros = Math.max(lastSeenMicros, a.timeMicros());
        attempts++;
        if (a.principals() != null && a.principals().clientIp() != null) {
            address = a.principals().clientIp();
        }
        accounts.add(a.login());
        if (a.failed()) {
            failures++;
            failedAccounts.add(a.login());
            if (statuses.containsKey(a.status()) || statuses.size() < CampaignState.MAX_STATUSES) {
                statuses.merge(a.status(), 1L, Long::sum);
            }
        } else if (a.succeeded()) {
            successes++;
        }
    }

    /** One more distinct account shared with {@code peer}; returns how many now. */
    int shared(String peer) {
        Integer n = peers.get(peer);
        if (n == null && peers.size() >= MAX_PEERS) {
            String fewest = null;
            for (Map.Entry<String, Integer> e : peers.entrySet()) {
                if (fewest == null || e.getValue() < peers.get(fewest)) {
                    fewest = e.getKey();
                }
            }
            peers.remove(fewest);
        }
        int next = n == null ? 1 : n + 1;
        peers.put(peer, next);
        return next;
    }

    /** Adds this actor's window to a campaign's: its address, attempts, accounts and error mix. */
    void joinInto(CampaignState campaign) {
        campaign.address(address);
        campaign.attempts += attempts;
        campaign.failures += failures;
        campaign.successes += successes;
        campaign.accounts.merge(accounts);
        campaign.failedAccounts.merge(failedAccounts);
        statuses.forEach(campaign::status);
    }

    public long lastSeenMicros() {
        return lastSeenMicros;
    }
}
