package io.periscope.detection.behaviour;

import io.periscope.events.detection.Outcome;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static io.periscope.detection.behaviour.Obs.SECOND;
import static org.assertj.core.api.Assertions.assertThat;

class TravelDetectorTest {
    static final long MINUTE = 60 * SECOND;
    static final NetworkLocation PARIS = new NetworkLocation("paris-office", List.of("198.51.100.0/24"), 48.86, 2.35);
    static final NetworkLocation NEW_YORK = new NetworkLocation("new-york-office", List.of("203.0.113.0/24", "2001:db8:1::/48"),
            40.71, -74.01);

    static DetectorHarness located() {
        BehaviourSettings d = BehaviourSettings.defaults();
        TravelSettings travel = new TravelSettings(List.of(PARIS, NEW_YORK), 900, 500, Duration.ofMinutes(5), 3);
        return new DetectorHarness(new BehaviourSettings(d.window(), d.warmupWindows(), d.peerFactor(),
                d.bolaDistinctIds(), d.bolaDeniedIds(), d.bruteForceFailures(), d.stuffingAccounts(), d.sprayingAccounts(),
                d.reconNotFoundPaths(), d.reconMethods(), d.scannerAgents(), d.sharingAddresses(), d.sharingAgents(),
                d.scrapingRequests(), d.scrapingBytes(), d.rateRequests(), d.rateOwnFactor(), d.errorRequests(),
                d.jwtRejectedCopies(), d.signInPaths(), d.ownership(), d.campaigns(), travel, d.massAssignment()));
    }

    @Test
    void oneTokenInParisAndNewYorkHalfAnHourApartIsImpossibleTravel() {
        DetectorHarness h = located();
        h.feed(Obs.at(0).from("198.51.100.7").credential("tok1").get("/api/me", 200));
        h.feed(Obs.at(30 * MINUTE).from("203.0.113.9").credential("tok1").get("/api/me", 200));
        Finding f = h.findings.stream().filter(x -> x.type() == BehaviourType.IMPOSSIBLE_TRAVEL).findFirst().orElseThrow();
        assertThat(f.outcome()).isEqualTo(Outcome.LIKELY_SUCCESS);
        assertThat(f.observed()).isGreaterThan(10_000);
        assertThat(f.threshold()).isEqualTo(900);
        assertThat(f.explanation()).contains("paris-office").contains("new-york-office").contains("km");
    }

    @Test
    void theSameTripOverTenHoursIsAFlightNotAnAlert() {
        DetectorHarness h = located();
        h.feed(Obs.at(0).from("198.51.100.7").credential("tok1").get("/api/me", 200));
        h.feed(Obs.at(600 * MINUTE).from("2001:db8:1::42").credential("tok1").get("/api/me", 200));
        assertThat(h.types()).doesNotContain(BehaviourType.IMPOSSIBLE_TRAVEL, BehaviourType.SESSION_HIJACK);
    }

    @Test
    void twoNetworksOfOneLocationAreOnePlace() {
        DetectorHarness h = located();
        for (int i = 0; i < 20; i++) {
            String ip = i % 2 == 0 ? "203.0.113.5" : "2001:db8:1::7";
            h.feed(Obs.at(i * 10 * SECOND).from(ip).credential("tok1").get("/api/me", 200));
        }
        assertThat(h.types()).isEmpty();
    }

    @Test
    void withoutLocationsATokenAlternatingBetweenNetworksWithinMinutesIsAHijack() {
        DetectorHarness h = new DetectorHarness();
        String[] ips = {"192.0.2.10", "203.0.113.77", "192.0.2.10", "203.0.113.77"};
        for (int i = 0; i < ips.length; i++) {
            h.feed(Obs.at(i * 40 * SECOND).from(ips[i]).credential("tok1").get("/api/me", 200));
        }
        Finding f = h.findings.stream().filter(x -> x.type() == BehaviourType.SESSION_HIJACK).findFirst().orElseThrow();
        assertThat(f.observed()).isEqualTo(3);
        assertThat(f.explanation()).contains("network changes").contains("threshold 3");
    }

    @Test
    void addressesOfOneProviderBlockAndAPhoneGoingOutAndBackAreNotAHijack() {
        DetectorHarness h = new DetectorHarness();
        // a carrier pool: many addresses, one /16
        for (int i = 0; i < 50; i++) {
            h.feed(Obs.at(i * 5 * SECOND).from("100.64." + (i % 7) + "." + (i + 1)).credential("tok1").get("/api/me", 200));
        }
        // Wi-Fi to mobile and back: two changes
        h.feed(Obs.at(300 * SECOND).from("192.0.2.10").credential("tok1").get("/api/me", 200));
        h.feed(Obs.at(320 * SECOND).from("100.64.1.1").credential("tok1").get("/api/me", 200));
        // and hours later another change
        h.feed(Obs.at(5 * 3600 * SECOND).from("192.0.2.10").credential("tok1").get("/api/me", 200));
        assertThat(h.types()).doesNotContain(BehaviourType.SESSION_HIJACK, BehaviourType.IMPOSSIBLE_TRAVEL);
    }

    @Test
    void ipv6AddressesAreKnownByTheirSlash48() {
        assertThat(TravelDetector.block(new inet.ipaddr.IPAddressString("2001:db8:aa:1::1").getAddress()))
                .isEqualTo(TravelDetector.block(new inet.ipaddr.IPAddressString("2001:db8:aa:ffff::9").getAddress()));
        assertThat(TravelDetector.block(new inet.ipaddr.IPAddressString("::ffff:198.51.100.1").getAddress()))
                .isEqualTo(TravelDetector.block(new inet.ipaddr.IPAddressString("198.51.7.7").getAddress()));
    }
}
