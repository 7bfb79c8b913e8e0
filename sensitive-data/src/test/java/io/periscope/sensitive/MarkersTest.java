package io.periscope.sensitive;

import static org.assertj.core.api.Assertions.assertThat;

import io.periscope.events.catalog.ParameterLocation;
import java.util.List;
import org.junit.jupiter.api.Test;

class MarkersTest {
    @Test
    void markersRoundTripAndAMaskNeverEndsTheMarkerEarly() {
        assertThat(Markers.redacted("Bearer", "ab12")).isEqualTo("[redacted:Bearer:ab12]");
        assertThat(Markers.parse("[redacted:Bearer:ab12]")).isEqualTo(new Markers.Marker(Markers.Kind.REDACTED, "Bearer", "ab12"));
        String masked = Markers.masked("custom", "a]b");
        assertThat(Markers.parse(masked)).isEqualTo(new Markers.Marker(Markers.Kind.MASKED, "custom", "a)b"));
        assertThat(Markers.parse("[redacted:x]trailing]")).isNull();
        assertThat(Markers.parse("[not a marker]")).isNull();
    }

    @Test
    void discoveryReadsAMaskedValueAsAHitOfItsTypeWithTheMaskedExample() {
        SensitiveScanner.MessageScan scan = SensitiveScanner.withDefaults("US", List.of()).begin();
        SensitiveHit hit = scan.field(ParameterLocation.REQUEST_BODY, "$.card", "[masked:payment_card:4111 **** **** 1111]");
        assertThat(hit.type()).isEqualTo("payment_card");
        assertThat(hit.masked()).isEqualTo("4111 **** **** 1111");
    }

    @Test
    void discoveryReadsARedactedCredentialAsAHitShownOnlyAsRedacted() {
        SensitiveScanner.MessageScan scan = SensitiveScanner.withDefaults("US", List.of()).begin();
        SensitiveHit password = scan.field(ParameterLocation.REQUEST_BODY, "$.password", "[redacted:Password:0123456789abcdef]");
        SensitiveHit token = scan.field(ParameterLocation.RESPONSE_BODY, "$.accessToken", "[redacted:Jwt:0123456789abcdef]");
        assertThat(password.type()).isEqualTo("password");
        assertThat(password.masked()).isEqualTo("[redacted]");
        assertThat(token.type()).isEqualTo("jwt");
        assertThat(token.masked()).doesNotContain("0123456789abcdef");
        assertThat(scan.field(ParameterLocation.COOKIE, "theme", "[redacted:Cookie:0123456789abcdef]")).isNull();
    }
}
