package io.periscope.detection.decode;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class DecoderTest {

    @Test
    void aValueWithoutEncodingCharactersYieldsOnlyItself() {
        assertThat(Decoder.variants("O'Brien select a plan")).containsExactly("O'Brien select a plan");
    }

    @Test
    void rawFormComesFirstAndFormsAreDistinct() {
        assertThat(Decoder.variants("%27%20OR%201%3D1")).containsExactly("%27%20OR%201%3D1", "' OR 1=1");
    }

    @Test
    void doubleAndTripleEncodingAreUndone() {
        assertThat(Decoder.fullyDecoded("%2527")).isEqualTo("'");
        assertThat(Decoder.fullyDecoded("%25253Cscript%25253E")).isEqualTo("<script>");
    }

    @Test
    void plusBecomesSpaceAsInAFormBody() {
        assertThat(Decoder.fullyDecoded("1+union+select+1")).isEqualTo("1 union select 1");
    }

    @Test
    void overlongUtf8DotsAndSlashesAreNormalised() {
        assertThat(Decoder.fullyDecoded("%c0%ae%c0%ae%c0%afetc")).isEqualTo("../etc");
        assertThat(Decoder.fullyDecoded("%e0%80%ae%e0%80%ae/")).isEqualTo("../");
    }

    @Test
    void multiByteUtf8StaysOneCharacter() {
        assertThat(Decoder.fullyDecoded("caf%C3%A9")).isEqualTo("café");
    }

    @Test
    void iisPercentUFormIsDecoded() {
        assertThat(Decoder.fullyDecoded("%u003cscript%u003e")).isEqualTo("<script>");
    }

    @Test
    void numericAndNamedHtmlEntitiesAreDecodedWithOrWithoutSemicolon() {
        assertThat(Decoder.fullyDecoded("&#60;img&#x20;src=x&#0000062;")).isEqualTo("<img src=x>");
        assertThat(Decoder.fullyDecoded("javascript&colon;alert&lpar;1&rpar;")).isEqualTo("javascript:alert(1)");
        assertThat(Decoder.fullyDecoded("&lt;b&gt")).isEqualTo("<b>");
    }

    @Test
    void unknownEntitiesAndBareAmpersandsStayAsWritten() {
        assertThat(Decoder.fullyDecoded("a&b=c&zz;&#;")).isEqualTo("a&b=c&zz;&#;");
    }

    @Test
    void javascriptEscapesAreDecoded() {
        assertThat(Decoder.fullyDecoded("\\u003cscript\\x3e\\u{61}")).isEqualTo("<script>a");
    }

    @Test
    void anEntityHidingAPercentEscapeIsDecodedThrough() {
        assertThat(Decoder.fullyDecoded("&#37;27 or 1=1")).isEqualTo("' or 1=1");
    }

    @Test
    void aLonePercentOrTruncatedEscapeIsKept() {
        assertThat(Decoder.fullyDecoded("100% sure %2")).isEqualTo("100% sure %2");
    }

    @Test
    void invalidUtf8BytesAreKeptAsLatin1NotDropped() {
        assertThat(Decoder.fullyDecoded("%ff%27")).isEqualTo("\u00ff'");
    }

    @Test
    void atMostThreeFormsAndEachIsBounded() {
        String huge = "%2527".repeat(40_000);
        var forms = Decoder.variants(huge);
        assertThat(forms).hasSizeLessThanOrEqualTo(3);
        assertThat(forms).allSatisfy(f -> assertThat(f.length()).isLessThanOrEqualTo(Decoder.MAX_FORM_LENGTH));
    }

    @Test
    @Timeout(5)
    void hostileValuesDecodeInBoundedTime() {
        String[] hostile = {"%".repeat(100 * 1024), "&#".repeat(50 * 1024), "\\u{".repeat(30_000),
            "%25".repeat(35_000), "&amp;".repeat(20_000) + "lt;", "%c0".repeat(34_000)};
        long start = System.nanoTime();
        for (String value : hostile) {
            assertThat(Decoder.variants(value)).isNotEmpty();
        }
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
    }
}
