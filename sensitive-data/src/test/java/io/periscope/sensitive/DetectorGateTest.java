package io.periscope.sensitive;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/**
 * {@link Detector#mayMatch} may only rule out values that {@link Detector#confidence} rejects under every name:
 * callers skip building the field name, and every detector, for a value all gates reject.
 */
class DetectorGateTest {
    private static final List<Detector> GATED = List.of(new PaymentCardDetector(), new SsnDetector(), new IbanDetector(),
            new EmailDetector(), new PhoneDetector("US"), new DateOfBirthDetector());
    /** Names under which each detector is most willing: a gate must hold for these too. */
    private static final List<FieldName> NAMES = List.of(FieldName.NONE, FieldName.of("$.card.number"),
            FieldName.of("$.ssn"), FieldName.of("$.iban"), FieldName.of("$.email"), FieldName.of("$.phone"),
            FieldName.of("$.date_of_birth"), FieldName.of("$.order.id"));

    @Property(tries = 3000)
    void aValueEveryGateRejectsIsNoMatchUnderAnyName(@ForAll("nearMisses") String value) {
        for (Detector d : GATED) {
            if (!d.mayMatch(value)) {
                for (FieldName name : NAMES) {
                    assertThat(d.confidence(name, value)).as("%s on %s under %s", d.type(), value, name.raw()).isZero();
                }
            }
        }
    }

    @Test
    void realValuesOfEveryTypePassTheirGate() {
        assertThat(new PaymentCardDetector().mayMatch("4111 1111 1111 1111")).isTrue();
        assertThat(new PaymentCardDetector().mayMatch("4111-1111-1111-1111")).isTrue();
        assertThat(new SsnDetector().mayMatch("123-45-6789")).isTrue();
        assertThat(new SsnDetector().mayMatch("123456789")).isTrue();
        assertThat(new IbanDetector().mayMatch("DE89 3704 0044 0532 0130 00")).isTrue();
        assertThat(new IbanDetector().mayMatch("gb82west12345698765432")).isTrue();
        assertThat(new EmailDetector().mayMatch("ada@example.com")).isTrue();
        assertThat(new PhoneDetector("US").mayMatch("+1 (415) 555-2671")).isTrue();
        assertThat(new DateOfBirthDetector().mayMatch("1990-04-01T00:00:00Z")).isTrue();
        assertThat(new DateOfBirthDetector().mayMatch("01.04.1990")).isTrue();
    }

    @Test
    void aLetterFollowedBySpacesIsNoIbanAndDoesNotBreakTheDetector() {
        // compacted to one letter: the country code could not be read
        assertThat(new IbanDetector().confidence(FieldName.NONE, "A              ")).isZero();
        assertThat(new IbanDetector().confidence(FieldName.of("iban"), "D E 8 9        ")).isZero();
    }

    /** Values close to every type: digits in groups, letters, separators, an '@', dots, a leading '+'. */
    @Provide
    Arbitrary<String> nearMisses() {
        Arbitrary<String> random = Arbitraries.strings().withChars("0123456789 -+.()/@TDEGBaezx\u0663").ofMinLength(0)
                .ofMaxLength(44);
        Arbitrary<String> digits = Arbitraries.strings().withChars("0123456789").ofMinLength(5).ofMaxLength(25);
        Arbitrary<String> known = Arbitraries.of("4111 1111 1111 1111", "4111111111111111", "123-45-6789", "123456789",
                "DE89 3704 0044 0532 0130 00", "DE89370400440532013000", "ada@example.com", "+1 415 555 2671",
                "(415) 555-2671", "1990-04-01", "04/01/1990", "01.04.1990", "1990-04-01T10:00:00Z", "+49 30 901820");
        Arbitrary<String> mutated = known.flatMap(k -> Arbitraries.integers().between(0, k.length() - 1)
                .flatMap(i -> Arbitraries.chars().with("0123456789 -.x@T").map(c -> k.substring(0, i) + c + k.substring(i + 1))));
        return Arbitraries.oneOf(random, digits, known, mutated);
    }
}
