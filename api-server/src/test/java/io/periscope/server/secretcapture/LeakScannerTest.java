package io.periscope.server.secretcapture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

/** The scanner of the end-to-end leak test finds a needle however it is written, and nothing that only resembles it. */
class LeakScannerTest {
    private static final Needle PASSWORD = new Needle(Needle.Kind.PASSWORD, "test", "Lh!a+b/c \"q\"-9");
    private static final Needle CARD = new Needle(Needle.Kind.PAYMENT_CARD, "test", "4111111111111111");
    private final LeakScanner scanner = new LeakScanner(List.of(PASSWORD, CARD));

    @Test
    void findsANeedleRawJsonEscapedUrlEncodedAndBase64() {
        assertThat(scanner.scan("log", "password Lh!a+b/c \"q\"-9 seen")).extracting(Leak::form).containsExactly("raw");
        assertThat(scanner.scan("t", "{\"p\":\"Lh!a+b/c \\\"q\\\"-9\"}")).singleElement()
                .satisfies(l -> assertThat(l.where()).isEqualTo("t at $.p"));
        assertThat(scanner.scan("t", "target=/x?password=Lh%21a%2Bb%2Fc+%22q%22-9")).extracting(Leak::form).containsExactly("url-encoded");
        assertThat(scanner.scan("t", "token " + Base64.getEncoder().encodeToString(CARD.value().getBytes(StandardCharsets.UTF_8))))
                .extracting(Leak::form).containsExactly("base64");
    }

    @Test
    void decodesBase64JsonValuesAndGunzipsThem() throws IOException {
        byte[] body = ("{\"card\":{\"number\":\"" + CARD.value() + "\"}}").getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
            out.write(body);
        }
        String record = "{\"response\":{\"body\":{\"content\":\"" + Base64.getEncoder().encodeToString(gz.toByteArray()) + "\"}}}";
        assertThat(scanner.scan("periscope.exchanges/0@7", record)).singleElement()
                .satisfies(l -> assertThat(l.where()).isEqualTo("periscope.exchanges/0@7 at $.response.body.content→$.card.number"));
    }

    @Test
    void aMaskedOrFingerprintedValueIsNoLeakAndFailureTextNeverHoldsTheSecret() {
        assertThat(scanner.scan("t", "{\"number\":\"[masked:payment_card:************1111]\",\"p\":\"[redacted:Password:0a1b]\"}")).isEmpty();
        List<Leak> leaks = scanner.scan("t", CARD.value());
        assertThat(LeakScanner.summary(leaks, List.of(PASSWORD, CARD), 10)).contains("PAYMENT_CARD: 1/1").doesNotContain(CARD.value());
    }

    @Test
    void aCardMaskedToMoreThanItsLastFourDigitsIsALeak() {
        assertThat(scanner.scan("t", "{\"number\":\"411111111111****\"}")).extracting(Leak::form)
                .containsExactly("more than its last 4 characters");
    }

    @Test
    void attackPayloadsAreFoundIntactRawOrUrlEncoded() {
        assertThat(LeakScanner.containsIntact("{\"target\":\"/s?q=%24%7Bjndi%3Aldap%3A%2F%2Fa%7D\"}".getBytes(StandardCharsets.UTF_8),
                "${jndi:ldap://a}")).isTrue();
        assertThat(LeakScanner.containsIntact("{\"q\":\"${jndi:ldap://a}\"}".getBytes(StandardCharsets.UTF_8), "${jndi:ldap://a}")).isTrue();
        assertThat(LeakScanner.containsIntact("{\"q\":\"[redacted]\"}".getBytes(StandardCharsets.UTF_8), "${jndi:ldap://a}")).isFalse();
    }
}
