package io.periscope.detection.signature;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.periscope.detection.decode.Decoder;
import io.periscope.detection.signature.sql.SqlInjectionDetector;
import io.periscope.detection.signature.xss.XssDetector;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Precision and recall of the SQL injection and XSS detectors on the development set
 * ({@code ../shared/detection-data}) and on benign values. Every value is judged in each of its decoded forms, as the
 * signature pass does. The figures and the misses are written to {@code target/signature-quality/}; the figures are
 * the ones reported in docs/detection.md.
 */
class SignatureQualityTest {

    private static final InputLocation QUERY = new InputLocation(LocationKind.QUERY_VALUE, "q");
    private static final Path OUT = Path.of("target", "signature-quality");

    private static final ValueDetector SQLI = new SqlInjectionDetector();
    private static final ValueDetector XSS = new XssDetector();

    private static Optional<DetectionData> data;

    @BeforeAll
    static void locate() throws IOException {
        data = DetectionData.locate();
        Files.createDirectories(OUT);
    }

    @Test
    void sqlInjectionRecallOnLabelledValuesIsAtLeast98Percent() throws IOException {
        assumeTrue(data.isPresent(), "../shared/detection-data absent");
        double recall = recall("labelled-sqli", labelled("sqli"), SQLI);
        assertThat(recall).isGreaterThanOrEqualTo(0.98);
    }

    @Test
    void xssRecallOnLabelledValuesIsAtLeast98Percent() throws IOException {
        assumeTrue(data.isPresent(), "../shared/detection-data absent");
        double recall = recall("labelled-xss", labelled("xss"), XSS);
        assertThat(recall).isGreaterThanOrEqualTo(0.98);
    }

    @Test
    void sqlInjectionRecallOnPayloadListsIsHigh() throws IOException {
        assumeTrue(data.isPresent(), "../shared/detection-data absent");
        // The lists hold probes that are not injections on their own (a lone quote, "1", "==", comment lines of the
        // list, typographic quotes that no database reads); the floor guards against regressions, the misses file
        // lists what is left for review.
        assertThat(recall("payloads-sqli", data.get().payloads("sql-injection"), SQLI)).isGreaterThanOrEqualTo(0.93);
    }

    @Test
    void xssRecallOnPayloadListsIsHigh() throws IOException {
        assumeTrue(data.isPresent(), "../shared/detection-data absent");
        // Several lists are multi-line documents split at line ends (html5sec vectors), bare event names and lone
        // encodings of "<": about a fifth of the lines are no attack on their own. A regression floor, as above.
        assertThat(recall("payloads-xss", data.get().payloads("xss-injection"), XSS)).isGreaterThanOrEqualTo(0.8);
    }

    @Test
    void falsePositivesOnLabelledBenignValuesAreAtMostOnePerMille() throws IOException {
        assumeTrue(data.isPresent(), "../shared/detection-data absent");
        assertThat(falsePositiveRate("labelled-benign", labelled("norm"))).isLessThanOrEqualTo(0.001);
    }

    @Test
    void falsePositivesOnRestTrafficValuesAreAtMostOnePerMille() throws IOException {
        assertThat(falsePositiveRate("rest-benign", BenignValues.all())).isLessThanOrEqualTo(0.001);
    }

    private static List<String> labelled(String attackType) {
        return data.get().labelled().stream().filter(r -> r.attackType().equals(attackType))
                .map(DetectionData.Labelled::payload).toList();
    }

    private static double recall(String name, List<String> positives, ValueDetector detector) throws IOException {
        List<String> misses = new ArrayList<>();
        for (String value : positives) {
            if (detect(value, detector).isEmpty()) {
                misses.add(value);
            }
        }
        double recall = 1.0 - (double) misses.size() / positives.size();
        report(name, String.format(Locale.ROOT, "%s recall %.4f (%d of %d detected)", name, recall,
                positives.size() - misses.size(), positives.size()), misses);
        return recall;
    }

    private static double falsePositiveRate(String name, List<String> benign) throws IOException {
        List<String> hits = new ArrayList<>();
        for (String value : benign) {
            for (ValueDetector detector : List.of(SQLI, XSS)) {
                Optional<Match> match = detect(value, detector);
                if (match.isPresent()) {
                    hits.add(match.get().rule() + "\t" + value);
                    break;
                }
            }
        }
        double rate = (double) hits.size() / benign.size();
        report(name, String.format(Locale.ROOT, "%s false positives %.5f (%d of %d)", name, rate, hits.size(),
                benign.size()), hits);
        return rate;
    }

    /** As the signature pass judges a value: every decoded form, each behind the detector's gate. */
    static Optional<Match> detect(String value, ValueDetector detector) {
        return detector.inspectForms(Decoder.variants(value), QUERY, null);
    }

    private static void report(String name, String figure, List<String> values) throws IOException {
        System.out.println(figure);
        Files.writeString(OUT.resolve(name + ".txt"), figure + "\n" + String.join("\n", values) + "\n",
                StandardCharsets.UTF_8);
    }
}
