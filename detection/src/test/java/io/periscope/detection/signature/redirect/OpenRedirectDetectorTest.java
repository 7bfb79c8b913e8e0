package io.periscope.detection.signature.redirect;

import static org.assertj.core.api.Assertions.assertThat;

import io.periscope.detection.signature.InputLocation;
import io.periscope.detection.signature.LocationKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OpenRedirectDetectorTest {
    private final OpenRedirectDetector detector = new OpenRedirectDetector();
    private static final InputLocation NEXT = new InputLocation(LocationKind.QUERY_VALUE, "next");
    private static final String OWN = "shop.example";

    @ParameterizedTest
    @ValueSource(strings = {"https://evil.example/login", "//evil.example", "/\\evil.example", "\\\\evil.example",
            "https://shop.example@evil.example/", "javascript:alert(1)", "\tjava\\tscript:alert(1)", "/https://evil.example",
            "http:/\\evil.example", "//evil.example/%2f.."})
    void redirectTargetsToAnotherHostAreFound(String v) {
        assertThat(detector.inspect(v, NEXT, OWN)).isPresent();
    }

    @ParameterizedTest
    @ValueSource(strings = {"/account/settings", "https://shop.example/cart", "https://www.shop.example/", "home", "?tab=2"})
    void redirectsWithinTheSiteAreNotOpenRedirects(String v) {
        assertThat(detector.inspect(v, NEXT, OWN)).isEmpty();
    }

    @Test
    void anAbsoluteUrlInAnOrdinaryParameterIsData() {
        var bookmark = new InputLocation(LocationKind.JSON_VALUE, "/bookmark/url");
        assertThat(detector.inspect("https://news.example/story", bookmark, OWN)).isEmpty();
        assertThat(detector.inspect("/\\evil.example", new InputLocation(LocationKind.QUERY_VALUE, "q"), OWN)).isPresent();
    }

    @Test
    void headersAreNotJudged() {
        assertThat(detector.inspect("https://evil.example/", new InputLocation(LocationKind.HEADER, "Referer"), OWN)).isEmpty();
    }
}
