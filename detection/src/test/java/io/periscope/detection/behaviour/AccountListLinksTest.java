package io.periscope.detection.behaviour;

import io.periscope.events.detection.Outcome;
import io.periscope.events.detection.Principals;
import io.periscope.events.http.ClientIpSource;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static io.periscope.detection.behaviour.Obs.SECOND;
import static org.assertj.core.api.Assertions.assertThat;

class AccountListLinksTest {
    final CampaignSettings settings = CampaignSettings.defaults();
    final AccountListLinks links = new AccountListLinks(settings);
    final StuffingCampaigns byFingerprint = new StuffingCampaigns(settings);
    final Map<String, CampaignState> fingerprintGroups = new HashMap<>();
    final MapStates states = new MapStates();
    final List<CampaignFinding> found = new ArrayList<>();
    final List<CampaignFinding> foundByFingerprint = new ArrayList<>();

    /** The stored states of one endpoint, in maps. */
    static final class MapStates implements AccountListLinks.States {
        final Map<String, ActorTrail> actors = new HashMap<>();
        final Map<String, AccountTriers> accounts = new HashMap<>();
        CampaignState campaign;

        @Override
        public ActorTrail actor(String actorId) {
            return actors.get(actorId);
        }

        @Override
        public void putActor(String actorId, ActorTrail trail) {
            actors.put(actorId, trail);
        }

        @Override
        public AccountTriers account(String accountKey) {
            return accounts.get(accountKey);
        }

        @Override
        public void putAccount(String accountKey, AccountTriers triers) {
            accounts.put(accountKey, triers);
        }

        @Override
        public void removeAccount(String accountKey) {
            accounts.remove(accountKey);
        }

        @Override
        public CampaignState campaign() {
            return campaign;
        }

        @Override
        public void putCampaign(CampaignState c) {
            campaign = c;
        }
    }

    void attempt(String actor, String ip, String fingerprint, String login, int status, long time) {
        SignInAttempt a = new SignInAttempt("x" + time, actor, fingerprint, "default|shop", "/api/login", time, login,
                status, new Principals(ip, ClientIpSource.X_FORWARDED_FOR, null, null, null, null));
        CampaignFinding f = links.observe(a, states);
        if (f != null) {
            found.add(f);
        }
        CampaignFinding g = byFingerprint.observe(fingerprintGroups.computeIfAbsent(a.fingerprintKey(),
                k -> new CampaignState()), a);
        if (g != null) {
            foundByFingerprint.add(g);
        }
    }

    @Test
    void addressesRotatingFingerprintsButReplayingOneAccountListAreOneCampaign() {
        // 12 addresses, each with a client fingerprint of its own, each trying 10 accounts of one 30-account list
        // (overlapping windows of the list), one attempt every 2 minutes: under every per-actor threshold
        long t = 0;
        for (int i = 0; i < 12; i++) {
            String ip = "203.0.113." + (10 + i);
            for (int k = 0; k < 10; k++) {
                attempt("ip:" + ip, ip, "fp-" + i, "victim" + ((i * 4 + k) % 30) + "@example.com", 401, t += 120 * SECOND);
            }
        }
        assertThat(foundByFingerprint).as("no fingerprint links them").isEmpty();
        assertThat(found).singleElement().satisfies(f -> {
            assertThat(f.actorId()).isEqualTo(AccountListLinks.actorId("default|shop", "/api/login"))
                    .startsWith("campaign:accounts:");
            assertThat(f.finding().type()).isEqualTo(BehaviourType.DISTRIBUTED_CREDENTIAL_STUFFING);
            assertThat(f.finding().outcome()).isEqualTo(Outcome.PROBE);
            assertThat(f.finding().explanation()).contains("linked by the accounts they tried").contains("401×");
            assertThat(f.addresses()).hasSizeGreaterThanOrEqualTo(settings.addresses())
                    .allMatch(a -> a.startsWith("203.0.113."));
        });
        // a success of a linked address afterwards is a likely takeover of the same campaign
        attempt("ip:203.0.113.10", "203.0.113.10", "fp-0", "victim3@example.com", 200, t += 120 * SECOND);
        assertThat(found).extracting(f -> f.finding().outcome()).containsExactly(Outcome.PROBE, Outcome.LIKELY_SUCCESS);
    }

    @Test
    void peopleSigningInToTheirOwnAccountsBehindOneOfficeNatAndFromSeveralDevicesAreNeverLinked() {
        Random random = new Random(11);
        long t = 0;
        for (int n = 0; n < 6000; n++) {
            int user = random.nextInt(400);
            String account = "user" + user + "@example.com";
            // every user signs in at the office (one NAT address, one actor until signed in), from home or from
            // their phone (carrier NAT pools of 50 addresses); one sign-in in twenty is to a shared team account
            boolean team = random.nextInt(20) == 0;
            int where = random.nextInt(3);
            String ip = where == 0 ? "198.51.100.7" : where == 1 ? "192.0.2." + (user % 250) : "100.64.0." + random.nextInt(50);
            String login = team ? "support@example.com" : account;
            String actor = "ip:" + ip;
            String fingerprint = random.nextBoolean() ? "chrome-131" : "safari-18";
            t += 3 * SECOND;
            if (random.nextInt(6) == 0) {
                // a typo or two, then the right password
                attempt(actor, ip, fingerprint, login, 401, t);
                if (random.nextBoolean()) {
                    attempt(actor, ip, fingerprint, login, 401, t += SECOND);
                }
                t += SECOND;
            }
            attempt(actor, ip, fingerprint, login, 200, t);
        }
        assertThat(found).isEmpty();
        assertThat(foundByFingerprint).isEmpty();
        assertThat(states.actors.values()).noneMatch(a -> a.linked);
        assertThat(states.campaign).isNull();
    }

    @Test
    void memoryPerAccountAndPerActorStaysBoundedWhateverTheTraffic() {
        long t = 0;
        for (int i = 0; i < 500; i++) {
            attempt("ip:10.0." + i / 250 + "." + i % 250, "10.0." + i / 250 + "." + i % 250, "fp", "admin", 401,
                    t += SECOND);
        }
        assertThat(states.accounts).hasSize(1);
        assertThat(states.accounts.values().iterator().next().actors).hasSize(AccountTriers.MAX_ACTORS);
        // one actor failing on 300 accounts others failed on too: its peers stay within their bound
        for (int k = 0; k < 300; k++) {
            attempt("ip:10.9.0." + k % 200, "10.9.0." + k % 200, "fp", "acct" + k, 401, t += SECOND);
            attempt("ip:198.51.100.1", "198.51.100.1", "fp", "acct" + k, 401, t += SECOND);
        }
        assertThat(states.actors.get("ip:198.51.100.1").peers).hasSizeLessThanOrEqualTo(ActorTrail.MAX_PEERS);
        assertThat(states.accounts.keySet()).noneMatch(k -> k.contains("acct") || k.contains("admin"));
    }
}
