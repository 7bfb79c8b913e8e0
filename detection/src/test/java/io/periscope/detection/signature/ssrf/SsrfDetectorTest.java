package io.periscope.detection.signature.ssrf;

import static org.assertj.core.api.Assertions.assertThat;

import io.periscope.detection.signature.InputLocation;
import io.periscope.detection.signature.LocationKind;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SsrfDetectorTest {
    private final SsrfDetector detector = new SsrfDetector();
    private static final InputLocation URL = new InputLocation(LocationKind.QUERY_VALUE, "url");

    @ParameterizedTest
    @CsvSource({
            "http://169.254.169.254/latest/meta-data/, ssrf.cloud-metadata",
            "http://metadata.google.internal/computeMetadata/v1/, ssrf.cloud-metadata",
            "http://[fd00:ec2::254]/latest/, ssrf.cloud-metadata",
            "http://2852039166/latest/meta-data/, ssrf.cloud-metadata",
            "http://127.0.0.1:8080/admin, ssrf.loopback",
            "http://2130706433/, ssrf.loopback",
            "http://0177.0.0.1/, ssrf.loopback",
            "http://0x7f000001/, ssrf.loopback",
            "http://0x7f.1/, ssrf.loopback",
            "http://127.1/, ssrf.loopback",
            "http://[::ffff:127.0.0.1]/, ssrf.loopback",
            "http://[::1]:22/, ssrf.loopback",
            "http://0.0.0.0/, ssrf.loopback",
            "http://localhost/, ssrf.loopback",
            "http://evil.example@127.0.0.1/, ssrf.loopback",
            "http://127.0.0.1.nip.io/, ssrf.loopback",
            "http://10.0.0.5/internal, ssrf.internal-host",
            "http://192.168.1.1/, ssrf.internal-host",
            "http://169.254.10.1/, ssrf.link-local",
            "gopher://127.0.0.1:6379/_INFO, ssrf.scheme",
            "dict://internal.example:11211/stat, ssrf.scheme",
            "http://0x08080808/, ssrf.obfuscated-ip"})
    void internalTargetsAreFoundThroughEveryNotation(String url, String rule) {
        assertThat(detector.inspect(url, URL)).hasValueSatisfying(m -> assertThat(m.rule()).isEqualTo(rule));
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://api.example.com/v1/items", "http://8.8.8.8/", "https://github.com/org/repo",
            "not a url", "mailto:someone@example.com", "https://example.com/?next=/home"})
    void publicUrlsAndOtherValuesAreNotSsrf(String v) {
        assertThat(detector.inspect(v, URL)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://10.0.0.5/app", "http://localhost:3000/"})
    void headersLikeRefererAreNotJudged(String v) {
        assertThat(detector.inspect(v, new InputLocation(LocationKind.HEADER, "Referer"))).isEmpty();
    }
}
