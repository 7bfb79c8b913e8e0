package io.periscope.sensitive;

import static org.assertj.core.api.Assertions.assertThat;

import io.periscope.events.catalog.ParameterLocation;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.StringLength;

class SensitivePropertiesTest {
    private static final SensitiveScanner SCANNER = SensitiveScanner.withDefaults("US", List.of());

    /** Completes 15 digits after a 4 into a Luhn-valid Visa number. */
    private static String visa(long body) {
        String partial = "4" + String.format("%014d", Math.abs(body % 100_000_000_000_000L));
        for (int check = 0; check < 10; check++) {
            if (PaymentCardDetector.luhn(partial + check)) {
                return partial + check;
            }
        }
        throw new AssertionError("unreachable");
    }

    @Property
    void maskedCardsShowAtMostTheFirstAndLastFourDigits(@ForAll long body) {
        String pan = visa(body);
        SensitiveHit hit = SCANNER.begin().field(ParameterLocation.REQUEST_BODY, "$.card", pan);
        assertThat(hit).isNotNull();
        assertThat(hit.masked()).isEqualTo(pan.substring(0, 4) + " **** **** " + pan.substring(12));
    }

    @Property
    void noHitEverCarriesTheRawValueOfASecret(@ForAll @StringLength(min = 6, max = 40) String secret) {
        SensitiveHit hit = SCANNER.begin().field(ParameterLocation.REQUEST_BODY, "$.password", secret);
        if (hit != null) {
            assertThat(hit.masked()).doesNotContain(secret.strip());
        }
    }

    @Property
    void scanningArbitraryTextNeverThrows(@ForAll String name, @ForAll @StringLength(max = 300) String value) {
        SensitiveScanner.MessageScan scan = SCANNER.begin();
        scan.field(ParameterLocation.QUERY, name, value);
        assertThat(scan.finish()).allSatisfy(h -> assertThat(h.confidence()).isBetween(0.5, 1.0));
    }

    @Property
    void luhnRejectsEverySingleDigitChange(@ForAll long body, @ForAll @IntRange(min = 0, max = 15) int position,
                                           @ForAll @IntRange(min = 1, max = 9) int delta) {
        char[] pan = visa(body).toCharArray();
        pan[position] = (char) ('0' + (pan[position] - '0' + delta) % 10);
        assertThat(PaymentCardDetector.luhn(new String(pan))).isFalse();
    }
}
