package io.periscope.enforcement.safety;

import static org.assertj.core.api.Assertions.assertThat;

import io.periscope.events.detection.ActorAddress;
import io.periscope.events.http.ClientIpSource;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BlockSafetyTest {
    private final List<String> apiAllowlist = new ArrayList<>();
    private final BlockSafety safety = new BlockSafety(new SafetySettings(
            List.of("198.51.100.0/28"), List.of("203.0.113.250/32", "2001:db8:ffff::/48"), List.of("203.0.113.200"),
            List.of("203.0.113.201"), 24, 64), () -> apiAllowlist);

    @ParameterizedTest(name = "{0} is refused as {1}")
    @CsvSource({
            "not-an-ip, INVALID",
            "0.0.0.0/0, ZERO_PREFIX",
            "::/0, ZERO_PREFIX",
            "203.0.0.0/16, TOO_WIDE",
            "2001:db8::/32, TOO_WIDE",
            "10.1.2.3, NON_PUBLIC",
            "172.20.0.1, NON_PUBLIC",
            "192.168.1.1, NON_PUBLIC",
            "127.0.0.1, NON_PUBLIC",
            "169.254.169.254, NON_PUBLIC",
            "224.0.0.1, NON_PUBLIC",
            "100.64.1.1, NON_PUBLIC",
            "240.0.0.1, NON_PUBLIC",
            "0.0.0.0, NON_PUBLIC",
            "::1, NON_PUBLIC",
            "fe80::1, NON_PUBLIC",
            "fd00::1, NON_PUBLIC",
            "ff02::1, NON_PUBLIC",
            "::ffff:10.0.0.1, NON_PUBLIC",
            "198.51.100.5, ALLOWLISTED",
            "198.51.100.0/24, ALLOWLISTED",
            "203.0.113.250, TRUSTED_PROXY",
            "203.0.113.0/24, TRUSTED_PROXY",
            "2001:db8:ffff::9, TRUSTED_PROXY",
            "203.0.113.200, LOAD_BALANCER",
            "203.0.113.201, OWN_ADDRESS"
    })
    void protectedTargetsAreRefusedWithTheirRule(String target, SafetyRefusal refusal) {
        assertThat(safety.checkTarget(target).refusal()).isEqualTo(refusal);
    }

    @Test
    void aPublicClientAddressIsAllowedInCanonicalCidrForm() {
        assertThat(safety.checkTarget("203.0.113.7").cidr()).isEqualTo("203.0.113.7/32");
        assertThat(safety.checkTarget("2001:DB8:0:0::7").cidr()).isEqualTo("2001:db8::7/128");
        assertThat(safety.checkTarget("::ffff:203.0.113.7").cidr()).isEqualTo("203.0.113.7/32");
        assertThat(safety.checkTarget("192.0.2.0/24").cidr()).isEqualTo("192.0.2.0/24");
    }

    @Test
    void anAddressThatWasNeverAResolvedClientAddressIsNeverBlocked() {
        assertThat(safety.checkActorAddress(new ActorAddress("203.0.113.7", null, 10)).refusal())
                .isEqualTo(SafetyRefusal.NOT_RESOLVED_CLIENT);
        assertThat(safety.checkActorAddress(new ActorAddress("203.0.113.7", ClientIpSource.X_FORWARDED_FOR, 10)).allowed())
                .isTrue();
    }

    @Test
    void anAllowlistEntryAddedThroughTheApiProtectsAtOnce() {
        assertThat(safety.checkTarget("192.0.2.9").allowed()).isTrue();
        apiAllowlist.add("192.0.2.0/25");
        assertThat(safety.checkTarget("192.0.2.9").refusal()).isEqualTo(SafetyRefusal.ALLOWLISTED);
    }

    @Test
    void singleAddressPolicyRefusesEveryPrefixWiderThanAHost() {
        BlockSafety strict = new BlockSafety(SafetySettings.singleAddresses(), List::of);
        assertThat(strict.checkTarget("203.0.113.0/31").refusal()).isEqualTo(SafetyRefusal.TOO_WIDE);
        assertThat(strict.checkTarget("2001:db8::/127").refusal()).isEqualTo(SafetyRefusal.TOO_WIDE);
        assertThat(strict.checkTarget("203.0.113.9/32").allowed()).isTrue();
    }

    @Test
    void hostileInputIsRefusedWithoutParsingIt() {
        assertThat(safety.checkTarget("1".repeat(10_000)).refusal()).isEqualTo(SafetyRefusal.INVALID);
        assertThat(safety.checkTarget("").refusal()).isEqualTo(SafetyRefusal.INVALID);
        assertThat(safety.checkTarget(null).refusal()).isEqualTo(SafetyRefusal.INVALID);
    }
}
