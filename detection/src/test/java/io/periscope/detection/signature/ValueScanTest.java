package io.periscope.detection.signature;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ValueScanTest {
    private static final CharMask PLAIN = CharMask.ALPHANUMERIC.or(CharMask.of("_-."));

    @Test
    void aValueOfPlainCharactersIsOnlyPlainAndHoldsNoTrigger() {
        ValueScan scan = ValueScan.of("SKU-123_a.b");
        assertThat(scan.only(PLAIN)).isTrue();
        assertThat(scan.any(CharMask.of("<>'\"$"))).isFalse();
        assertThat(scan.has('-')).isTrue();
        assertThat(scan.has('/')).isFalse();
    }

    @Test
    void oneCharacterOutsideTheMaskOrOutsideAsciiMakesTheValueNotOnlyPlain() {
        assertThat(ValueScan.of("abc/def").only(PLAIN)).isFalse();
        assertThat(ValueScan.of("abc~").any(CharMask.of("~"))).isTrue();
        ValueScan accented = ValueScan.of("São");
        assertThat(accented.only(PLAIN)).isFalse();
        assertThat(accented.nonAscii()).isTrue();
        assertThat(accented.has('\u00E3')).isFalse();
    }

    @Test
    void controlCharactersAndTheHighAsciiHalfAreTracked() {
        assertThat(ValueScan.of("a\u0000b").has('\0')).isTrue();
        assertThat(ValueScan.of("a\u007Fb").any(CharMask.of("\u007F"))).isTrue();
        assertThat(ValueScan.of("").only(PLAIN)).isTrue();
    }
}
