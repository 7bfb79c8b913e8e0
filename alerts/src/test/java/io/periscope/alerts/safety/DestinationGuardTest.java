package io.periscope.alerts.safety;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.URI;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class DestinationGuardTest {
    private final DestinationGuard strict = new DestinationGuard(false, List.of());

    private static InetAddress ip(String literal) throws java.net.UnknownHostException {
        return InetAddress.getByName(literal);
    }

    @Test
    void loopbackLinkLocalPrivateMulticastAndMetadataAddressesAreRefused() throws Exception {
        for (String a : List.of("127.0.0.1", "::1", "169.254.169.254", "fd00:ec2::254", "10.1.2.3", "172.16.0.1",
                "192.168.1.1", "100.64.0.1", "0.0.0.0", "224.0.0.1", "fe80::1", "fc00::1", "::ffff:127.0.0.1",
                "::ffff:169.254.169.254", "255.255.255.255")) {
            assertThat(strict.permitted(ip(a))).as(a).isFalse();
        }
        assertThat(strict.permitted(ip("203.0.113.7"))).isTrue();
        assertThat(strict.permitted(ip("2001:db8::1"))).isTrue();
    }

    @Test
    void anAllowlistedCidrLetsItsAddressesThrough() throws Exception {
        DestinationGuard g = new DestinationGuard(false, List.of(Cidr.parse("10.20.0.0/16"), Cidr.parse("127.0.0.1")));
        assertThat(g.permitted(ip("10.20.5.6"))).isTrue();
        assertThat(g.permitted(ip("127.0.0.1"))).isTrue();
        assertThat(g.permitted(ip("10.21.0.1"))).isFalse();
        assertThat(g.permitted(ip("169.254.169.254"))).isFalse();
    }

    @Test
    void httpNeedsTheFlagAndUserInfoIsRefused() throws Exception {
        assertThatThrownBy(() -> strict.checkUrl("http://hooks.example.com/x")).isInstanceOf(RefusedDestinationException.class);
        assertThat(new DestinationGuard(true, List.of()).checkUrl("http://hooks.example.com/x").getHost()).isEqualTo("hooks.example.com");
        assertThatThrownBy(() -> strict.checkUrl("https://user:pw@hooks.example.com/")).isInstanceOf(RefusedDestinationException.class);
        assertThatThrownBy(() -> strict.checkUrl("file:///etc/passwd")).isInstanceOf(RefusedDestinationException.class);
        assertThatThrownBy(() -> strict.checkUrl("https:///nohost")).isInstanceOf(RefusedDestinationException.class);
    }

    @Test
    void theHostIsResolvedAtEverySendSoARebindToTheMetadataAddressIsRefused() throws Exception {
        AtomicInteger lookups = new AtomicInteger();
        DestinationGuard g = new DestinationGuard(false, List.of(), host -> lookups.getAndIncrement() == 0
                ? new InetAddress[] {ip("203.0.113.7")} : new InetAddress[] {ip("169.254.169.254")});
        URI uri = g.checkUrl("https://hooks.example.com/x");
        assertThat(g.resolve(uri)).isEqualTo(ip("203.0.113.7"));
        assertThatThrownBy(() -> g.resolve(uri)).isInstanceOf(RefusedDestinationException.class)
                .hasMessageContaining("169.254.169.254");
    }

    @Test
    void aNameWithOnePublicAndOnePrivateAddressIsRefused() throws Exception {
        DestinationGuard g = new DestinationGuard(false, List.of(),
                host -> new InetAddress[] {ip("203.0.113.7"), ip("10.0.0.1")});
        assertThatThrownBy(() -> g.resolve(g.checkUrl("https://hooks.example.com/"))).isInstanceOf(RefusedDestinationException.class);
    }

    @Test
    void cidrParsingNeverResolvesNames() {
        assertThatThrownBy(() -> Cidr.parse("localhost/8")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Cidr.parse("10.0.0.0/33")).isInstanceOf(IllegalArgumentException.class);
        assertThat(Cidr.parse("fd00::/8").toString()).isEqualTo("fd00:0:0:0:0:0:0:0/8");
    }
}
