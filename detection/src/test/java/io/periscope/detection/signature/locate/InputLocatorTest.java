package io.periscope.detection.signature.locate;

import static org.assertj.core.api.Assertions.assertThat;

import io.periscope.detection.signature.Exchanges;
import io.periscope.detection.signature.InputLocation;
import io.periscope.detection.signature.LocationKind;
import io.periscope.events.http.Header;
import io.periscope.events.http.QueryParam;
import java.util.List;
import org.junit.jupiter.api.Test;

class InputLocatorTest {
    private final InputLocator locator = new InputLocator(LocateLimits.DEFAULTS);

    private static boolean has(Located l, LocationKind kind, String name, String value) {
        return l.values().contains(new LocatedValue(new InputLocation(kind, name), value));
    }

    @Test
    void pathQueryHeadersAndCookiesAreEachALocation() {
        var request = Exchanges.request("GET", "/files/..%2f..%2fetc/passwd", List.of(new QueryParam("q", "shoes"),
                new QueryParam("flag", null)), List.of(new Header("Host", "shop.example"), new Header("User-Agent", "curl/8"),
                new Header("X-Forwarded-For", "203.0.113.9"), new Header("Cookie", "theme=dark; cart=a1"),
                new Header("Content-Length", "0")), null, null);

        Located l = locator.locate(Exchanges.exchange(request, null));

        assertThat(has(l, LocationKind.PATH_SEGMENT, "*", "/files/..%2f..%2fetc/passwd")).isTrue();
        assertThat(has(l, LocationKind.PATH_SEGMENT, "2", "..%2f..%2fetc")).isTrue();
        assertThat(has(l, LocationKind.QUERY_NAME, "q", "q")).isTrue();
        assertThat(has(l, LocationKind.QUERY_VALUE, "q", "shoes")).isTrue();
        assertThat(has(l, LocationKind.HEADER, "User-Agent", "curl/8")).isTrue();
        assertThat(has(l, LocationKind.HEADER, "X-Forwarded-For", "203.0.113.9")).isTrue();
        assertThat(has(l, LocationKind.COOKIE, "cart", "a1")).isTrue();
        assertThat(l.values()).noneMatch(v -> v.location().name().equals("Content-Length"));
        assertThat(l.capped()).isEmpty();
    }

    @Test
    void redactionAndMaskingMarkersAreNotLocated() {
        var request = Exchanges.request("GET", "/a", List.of(new QueryParam("token", "[redacted:Bearer:5f0c9d1e2a7b44c1a0f3e2d18b6c7a90]")),
                List.of(new Header("Authorization", "[redacted:Bearer:5f0c9d1e2a7b44c1a0f3e2d18b6c7a90]"),
                        new Header("X-Email", "[masked:email:a***@example.com]")), null, null);

        Located l = locator.locate(Exchanges.exchange(request, null));

        assertThat(l.values()).noneMatch(v -> v.value().startsWith("[redacted:") || v.value().startsWith("[masked:"));
    }

    @Test
    void jsonKeysAndValuesAreLocatedAtAnyDepthByPointer() {
        String json = "{\"user\":{\"name\":\"O'Brien\",\"roles\":[\"a\",{\"$ne\":null}]},\"n\":5,\"ok\":true}";
        var request = Exchanges.request("POST", "/u", List.of(), List.of(), "application/json", json);

        Located l = locator.locate(Exchanges.exchange(request, null));

        assertThat(has(l, LocationKind.JSON_KEY, "/user", "user")).isTrue();
        assertThat(has(l, LocationKind.JSON_VALUE, "/user/name", "O'Brien")).isTrue();
        assertThat(has(l, LocationKind.JSON_VALUE, "/user/roles/0", "a")).isTrue();
        assertThat(has(l, LocationKind.JSON_KEY, "/user/roles/1/$ne", "$ne")).isTrue();
        assertThat(has(l, LocationKind.JSON_VALUE, "/n", "5")).isTrue();
    }

    @Test
    void formMultipartAndXmlBodiesAreReadByTheirMediaType() {
        var form = Exchanges.request("POST", "/login", List.of(), List.of(), "application/x-www-form-urlencoded",
                "user=admin&password%5B%24ne%5D=x");
        Located f = locator.locate(Exchanges.exchange(form, null));
        assertThat(has(f, LocationKind.FORM_FIELD, "user", "admin")).isTrue();
        assertThat(has(f, LocationKind.FORM_FIELD, "password%5B%24ne%5D", "password%5B%24ne%5D")).isTrue();

        String multipart = "--b1\r\nContent-Disposition: form-data; name=\"title\"\r\n\r\nhello\r\n"
                + "--b1\r\nContent-Disposition: form-data; name=\"file\"; filename=\"../../x.sh\"\r\nContent-Type: text/plain\r\n\r\necho\r\n--b1--\r\n";
        var upload = Exchanges.request("POST", "/up", List.of(), List.of(new Header("Content-Type", "multipart/form-data; boundary=b1")),
                "multipart/form-data", multipart);
        Located m = locator.locate(Exchanges.exchange(upload, null));
        assertThat(has(m, LocationKind.MULTIPART_FIELD, "title", "hello")).isTrue();
        assertThat(has(m, LocationKind.MULTIPART_FIELD, "file.filename", "../../x.sh")).isTrue();
        assertThat(has(m, LocationKind.MULTIPART_FIELD, "file", "echo")).isTrue();

        String xml = "<!DOCTYPE a [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><a>&x;</a>";
        var soap = Exchanges.request("POST", "/soap", List.of(), List.of(), "application/xml", xml);
        assertThat(has(locator.locate(Exchanges.exchange(soap, null)), LocationKind.BODY, "application/xml", xml)).isTrue();
    }

    @Test
    void limitsCutTheReadingAndCountEachCap() {
        var small = new InputLocator(new LocateLimits(5, 1000, 10, 2));
        StringBuilder json = new StringBuilder("{\"a\":{\"b\":{\"c\":{\"d\":\"deep\"}}},\"long\":\"" + "x".repeat(50) + "\"");
        for (int i = 0; i < 20; i++) {
            json.append(",\"k").append(i).append("\":\"v\"");
        }
        json.append('}');
        var request = Exchanges.request("POST", "/", List.of(), List.of(), "application/json", json.toString());

        Located l = small.locate(Exchanges.exchange(request, null));

        assertThat(l.values()).hasSizeLessThanOrEqualTo(5);
        assertThat(l.capped()).containsKeys(Cap.JSON_DEPTH, Cap.VALUE_LENGTH, Cap.VALUES);
        assertThat(l.values()).noneMatch(v -> v.value().equals("deep"));
    }

    @Test
    void malformedJsonKeepsWhatWasReadAndIsInspectedWhole() {
        var request = Exchanges.request("POST", "/", List.of(), List.of(), "application/json", "{\"a\":\"one\",\"b\":");

        Located l = locator.locate(Exchanges.exchange(request, null));

        assertThat(has(l, LocationKind.JSON_VALUE, "/a", "one")).isTrue();
        assertThat(l.capped()).containsKey(Cap.JSON_MALFORMED);
        assertThat(l.values()).anyMatch(v -> v.location().kind() == LocationKind.BODY);
    }
}
