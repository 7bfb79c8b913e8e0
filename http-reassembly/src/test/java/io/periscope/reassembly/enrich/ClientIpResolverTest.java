package io.periscope.reassembly.enrich;

import static org.assertj.core.api.Assertions.assertThat;

import io.periscope.events.http.ClientIpSource;
import io.periscope.events.http.Header;
import io.periscope.reassembly.ReassemblyConfig;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClientIpResolverTest {
    private final ClientIpResolver resolver = new ClientIpResolver(ReassemblyConfig.PRIVATE_RANGES,
            List.of("X-Forwarded-For", "Forwarded", "X-Real-IP"));

    private ClientIpResolver.ClientIp resolve(String peer, Header... headers) {
        return resolver.resolve(peer, List.of(headers));
    }

    @Test
    void theRightMostUntrustedHopIsTheClientAndASpoofedLeftMostEntryIsIgnored() {
        ClientIpResolver.ClientIp ip = resolve("10.0.0.5", new Header("X-Forwarded-For", "6.6.6.6, 198.51.100.23, 10.0.3.4"));
        assertThat(ip.address()).isEqualTo("198.51.100.23");
        assertThat(ip.source()).isEqualTo(ClientIpSource.X_FORWARDED_FOR);
    }

    @Test
    void repeatedForwardedForFieldsFormOneChainInOrder() {
        ClientIpResolver.ClientIp ip = resolve("10.0.0.5", new Header("X-Forwarded-For", "6.6.6.6"),
                new Header("x-forwarded-for", "203.0.113.9, 192.168.1.1"));
        assertThat(ip.address()).isEqualTo("203.0.113.9");
    }

    @Test
    void anUntrustedPeerIsTheClientWhateverItClaims() {
        ClientIpResolver.ClientIp ip = resolve("198.51.100.1", new Header("X-Forwarded-For", "1.2.3.4"));
        assertThat(ip).isEqualTo(new ClientIpResolver.ClientIp("198.51.100.1", ClientIpSource.PEER));
    }

    @Test
    void whenEveryHopIsTrustedTheLeftMostIsTheClient() {
        assertThat(resolve("10.0.0.5", new Header("X-Forwarded-For", "192.168.0.7, 10.1.1.1")).address()).isEqualTo("192.168.0.7");
    }

    @Test
    void forwardedElementsAreParsedWithQuotesBracketsAndPorts() {
        ClientIpResolver.ClientIp ip = resolve("10.0.0.5",
                new Header("Forwarded", "for=\"[2001:db8:cafe::17]:4711\";proto=https, for=10.0.0.9:1234;by=10.0.0.1"));
        assertThat(ip.address()).isEqualTo("2001:db8:cafe::17");
        assertThat(ip.source()).isEqualTo(ClientIpSource.FORWARDED);
        assertThat(resolve("10.0.0.5", new Header("X-Forwarded-For", "203.0.113.1:5555")).address()).isEqualTo("203.0.113.1");
    }

    @Test
    void xRealIpFromATrustedPeerIsUsed() {
        ClientIpResolver.ClientIp ip = resolve("127.0.0.1", new Header("X-Real-IP", "203.0.113.50"));
        assertThat(ip).isEqualTo(new ClientIpResolver.ClientIp("203.0.113.50", ClientIpSource.X_REAL_IP));
    }

    @Test
    void aMalformedChainFallsBackToThePeer() {
        assertThat(resolve("10.0.0.5", new Header("X-Forwarded-For", "203.0.113.1, not-an-ip")))
                .isEqualTo(new ClientIpResolver.ClientIp("10.0.0.5", ClientIpSource.PEER));
        assertThat(resolve("10.0.0.5", new Header("Forwarded", "by=1.2.3.4")).source()).isEqualTo(ClientIpSource.PEER);
        assertThat(resolve("10.0.0.5", new Header("X-Forwarded-For", "")).source()).isEqualTo(ClientIpSource.PEER);
    }

    @Test
    void ipv6PeersInUniqueLocalRangesAreTrusted() {
        assertThat(resolve("fd00::1", new Header("X-Forwarded-For", "2001:db8::5")).address()).isEqualTo("2001:db8::5");
        assertThat(resolve("2001:db8::99", new Header("X-Forwarded-For", "2001:db8::5")).address()).isEqualTo("2001:db8::99");
    }

    @Test
    void onlyPlainDottedQuadsTakeTheFastPath() {
        assertThat(ClientIpResolver.dottedQuad("203.0.113.7")).isEqualTo(0xCB00_7107L);
        assertThat(ClientIpResolver.dottedQuad("255.255.255.255")).isEqualTo(0xFFFF_FFFFL);
        assertThat(List.of("1.2.3", "1.2.3.4.5", "01.2.3.4", "256.1.1.1", "1.2.3.", "::1", "1..2.3", ""))
                .allSatisfy(s -> assertThat(ClientIpResolver.dottedQuad(s)).isEqualTo(-1));
        // odd forms still resolve through the library, and the result is canonical
        assertThat(resolve("10.0.0.5", new Header("X-Forwarded-For", "2001:DB8:0:0::7")).address()).isEqualTo("2001:db8::7");
    }

    @Test
    void cidrBoundariesAreExact() {
        assertThat(resolve("172.16.0.1", new Header("X-Forwarded-For", "203.0.113.1")).source()).isEqualTo(ClientIpSource.X_FORWARDED_FOR);
        assertThat(resolve("172.31.255.255", new Header("X-Forwarded-For", "203.0.113.1")).source()).isEqualTo(ClientIpSource.X_FORWARDED_FOR);
        assertThat(resolve("172.32.0.1", new Header("X-Forwarded-For", "203.0.113.1")).source()).isEqualTo(ClientIpSource.PEER);
        assertThat(resolve("11.0.0.1", new Header("X-Forwarded-For", "203.0.113.1")).source()).isEqualTo(ClientIpSource.PEER);
    }
}
