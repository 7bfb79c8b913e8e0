package io.periscope.detection.signature.xss;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class HtmlTokenizerTest {

    @Test
    void slashSeparatesTheNameFromAttributesAsInBrowsers() {
        List<HtmlTag> tags = HtmlTokenizer.tags("<svg/onload=alert(1)>");
        assertThat(tags).hasSize(1);
        assertThat(tags.get(0).name()).isEqualTo("svg");
        assertThat(tags.get(0).attribute("onload").value()).isEqualTo("alert(1)");
    }

    @Test
    void quotedUnquotedAndBacktickValuesAreRead() {
        HtmlTag tag = HtmlTokenizer.tags("<img a=\"1 2\" b='3' c=4 d=`5` e>").get(0);
        assertThat(tag.attributes()).containsExactly(new HtmlAttribute("a", "1 2"), new HtmlAttribute("b", "3"),
                new HtmlAttribute("c", "4"), new HtmlAttribute("d", "5"), new HtmlAttribute("e", ""));
    }

    @Test
    void namesAreLowerCasedAndEndTagsMarked() {
        List<HtmlTag> tags = HtmlTokenizer.tags("<ScRiPt>x</SCRIPT>");
        assertThat(tags).extracting(HtmlTag::name).containsExactly("script", "script");
        assertThat(tags).extracting(HtmlTag::end).containsExactly(false, true);
        assertThat(tags.get(0).content()).isEqualTo("x");
    }

    @Test
    void anUnclosedTagRunsToTheEndOfTheValue() {
        HtmlTag tag = HtmlTokenizer.tags("<img src=x onerror=alert(1)//").get(0);
        assertThat(tag.stop()).isEqualTo("<img src=x onerror=alert(1)//".length());
        assertThat(tag.attribute("onerror").value()).isEqualTo("alert(1)//");
    }

    @Test
    void lessThanFollowedByANonLetterIsText() {
        assertThat(HtmlTokenizer.tags("a < b, I <3 you, 1<2")).isEmpty();
    }

    @Test
    void processingInstructionsAreTags() {
        assertThat(HtmlTokenizer.tags("<?import namespace=x>")).extracting(HtmlTag::name).containsExactly("import");
    }

    @Test
    void tagAndAttributeCountsAreBounded() {
        assertThat(HtmlTokenizer.tags("<b>".repeat(10_000))).hasSize(HtmlTokenizer.MAX_TAGS);
        assertThat(HtmlTokenizer.tags("<x " + "a ".repeat(1000) + ">").get(0).attributes())
                .hasSize(HtmlTokenizer.MAX_ATTRIBUTES);
    }
}
