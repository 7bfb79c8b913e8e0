package io.periscope.alerts.sign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class WebhookSignerTest {

    /** The example of the Standard Webhooks reference implementations' tests. */
    @Test
    void signsTheStandardWebhooksReferenceVector() {
        WebhookSecret secret = WebhookSecret.parse("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");
        SignedHeaders h = WebhookSigner.sign("msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330,
                "{\"test\": 2432232314}".getBytes(StandardCharsets.UTF_8), List.of(secret));
        assertThat(h.signature()).isEqualTo("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
    }

    @Test
    void twoSecretsGiveTwoSpaceSeparatedSignatures() {
        SignedHeaders h = WebhookSigner.sign("msg_1", 1, new byte[] {'{', '}'},
                List.of(WebhookSecret.generate(), WebhookSecret.generate()));
        assertThat(h.signature().split(" ")).hasSize(2).allSatisfy(s -> assertThat(s).startsWith("v1,"));
    }

    @Test
    void generatedSecretsRoundTripAndNeverPrintTheirKey() {
        WebhookSecret s = WebhookSecret.generate();
        assertThat(s.reveal()).startsWith("whsec_");
        assertThat(WebhookSecret.parse(s.reveal()).reveal()).isEqualTo(s.reveal());
        assertThat(s.toString()).doesNotContain(s.reveal().substring(6));
        assertThatThrownBy(() -> WebhookSecret.parse("whsec_c2hvcnQ=")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> WebhookSecret.parse("sk_" + s.reveal())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anIdWithADotIsRefusedBecauseTheSignedContentWouldBeAmbiguous() {
        assertThatThrownBy(() -> WebhookSigner.sign("a.b", 1, new byte[0], List.of(WebhookSecret.generate())))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
