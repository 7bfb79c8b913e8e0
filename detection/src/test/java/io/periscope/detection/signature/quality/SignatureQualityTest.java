package io.periscope.detection.signature.quality;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.periscope.detection.signature.AttackClass;
import io.periscope.detection.signature.InputLocation;
import io.periscope.detection.signature.LocationKind;
import io.periscope.detection.signature.engine.SignatureEngine;
import io.periscope.detection.signature.engine.SignatureFinding;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * Recall and false-positive rate of the signature detectors of this package's siblings (traversal/LFI, command
 * injection, Log4Shell, SSRF, XXE, SSTI, open redirect, NoSQL) on the development set and on generated values. Prints
 * the figures docs/detection.md reports; asserts the targets: recall ≥ 0.98 on traversal and Log4Shell,
 * ≤ 0.1 % of benign values flagged.
 */
class SignatureQualityTest {
    /** The classes this set of detectors owns; SQL injection and XSS are measured with their own detectors. */
    private static final Set<AttackClass> OWN = EnumSet.of(AttackClass.PATH_TRAVERSAL, AttackClass.COMMAND_INJECTION,
            AttackClass.LOG4SHELL, AttackClass.SSRF, AttackClass.XXE, AttackClass.SSTI, AttackClass.OPEN_REDIRECT,
            AttackClass.NOSQL_INJECTION);

    private final SignatureEngine engine = SignatureEngine.withDefaults();

    private double recall(String label, List<String> payloads, InputLocation location, Predicate<AttackClass> counts) {
        List<String> missed = new ArrayList<>();
        for (String p : payloads) {
            boolean hit = engine.inspectValue(p, location).stream().anyMatch(f -> counts.test(f.attackClass()));
            if (!hit) {
                missed.add(p);
            }
        }
        double recall = 1.0 - (double) missed.size() / payloads.size();
        System.out.printf("recall %-40s %5d payloads  %.4f  (missed %d)%n", label, payloads.size(), recall, missed.size());
        missed.stream().limit(8).forEach(m -> System.out.println("    missed: " + m));
        try {
            // the whole list, for whoever tunes a detector
            Files.write(Path.of("target", "missed-" + label.replace(' ', '-') + ".txt"), missed);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return recall;
    }

    private static InputLocation query(String name) {
        return new InputLocation(LocationKind.QUERY_VALUE, name);
    }

    @Test
    void traversalRecallOnTheDevelopmentSetIsAtLeast98Percent() throws IOException {
        Path dir = DetectionData.dir().orElse(null);
        assumeTrue(dir != null, "detection-data absent");
        List<String> payloads = DetectionData.payloads(dir, "directory-traversal").stream()
                .map(p -> p.replace("{FILE}", "etc/passwd")).toList();
        double lists = recall("directory-traversal lists", payloads, query("file"), c -> c == AttackClass.PATH_TRAVERSAL);
        // the labelled parameters carry the same placeholder, spelled {file}
        List<String> labelled = DetectionData.httpParams(dir).stream()
                .filter(p -> p.attackType().equals("path-traversal")).map(p -> p.payload().replace("{file}", "etc/passwd"))
                .toList();
        double params = recall("http-params path-traversal", labelled, query("file"), c -> c == AttackClass.PATH_TRAVERSAL);
        assertThat(lists).isGreaterThanOrEqualTo(0.98);
        // a floor, not the target: about a tenth of these rows are no traversal on their own ("/aaaa...", "//",
        // "/./././"), see docs/detection.md
        assertThat(params).isGreaterThanOrEqualTo(0.85);
    }

    @Test
    void log4ShellRecallOverTheObfuscationFamiliesIsAtLeast98Percent() {
        double r = recall("log4shell families", Log4ShellPayloads.all(), new InputLocation(LocationKind.HEADER,
                "User-Agent"), c -> c == AttackClass.LOG4SHELL);
        assertThat(r).isGreaterThanOrEqualTo(0.98);
    }

    @Test
    void recallOnTheOtherPayloadListsIsReported() throws IOException {
        Path dir = DetectionData.dir().orElse(null);
        assumeTrue(dir != null, "detection-data absent");
        // file inclusion lists mix traversal with wrappers and remote URLs: any of the three classes is a detection
        recall("file-inclusion lists", DetectionData.payloads(dir, "file-inclusion"), query("page"),
                c -> c == AttackClass.PATH_TRAVERSAL || c == AttackClass.SSRF || c == AttackClass.COMMAND_INJECTION);
        recall("command-injection lists", DetectionData.payloads(dir, "command-injection"), query("host"),
                c -> c == AttackClass.COMMAND_INJECTION);
        recall("http-params cmdi", DetectionData.httpParams(dir).stream().filter(p -> p.attackType().equals("cmdi"))
                .map(DetectionData.Param::payload).toList(), query("host"), c -> c == AttackClass.COMMAND_INJECTION);
        recall("nosql-injection lists", DetectionData.payloads(dir, "nosql-injection"), query("user"),
                c -> c == AttackClass.NOSQL_INJECTION);
        recall("open-redirect lists", DetectionData.payloads(dir, "open-redirect"), query("next"),
                c -> c == AttackClass.OPEN_REDIRECT);
    }

    @Test
    void atMostOnePerMilleOfBenignValuesIsFlagged() throws IOException {
        List<String> benign = new ArrayList<>(GeneratedBenignValues.generate(6000, 42));
        // the hand-written tricky list the SQLi/XSS tests use (prose with SQL and HTML words, quotes, operators)
        try (var in = SignatureQualityTest.class.getResourceAsStream("/signature/benign-values.txt")) {
            new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).lines()
                    .filter(l -> !l.isEmpty() && !l.startsWith("# ")).forEach(benign::add);
        }
        DetectionData.dir().ifPresent(dir -> {
            try {
                DetectionData.httpParams(dir).stream().filter(p -> p.attackType().equals("norm"))
                        .map(DetectionData.Param::payload).forEach(benign::add);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
        List<String> flagged = new ArrayList<>();
        int flaggedByAny = 0;
        // each value once as a query value and once as a JSON value: the two most common places
        for (String v : benign) {
            List<SignatureFinding> f = new ArrayList<>(engine.inspectValue(v, query("q")));
            f.addAll(engine.inspectValue(v, new InputLocation(LocationKind.JSON_VALUE, "/note")));
            if (f.stream().anyMatch(x -> OWN.contains(x.attackClass()))) {
                SignatureFinding first = f.stream().filter(x -> OWN.contains(x.attackClass())).findFirst().orElseThrow();
                flagged.add(first.attackClass() + " " + first.rule() + ": " + v);
            }
            if (!f.isEmpty()) {
                flaggedByAny++;
            }
        }
        double rate = (double) flagged.size() / benign.size();
        System.out.printf("false positives on %d benign values: %d (%.4f %%)%n", benign.size(), flagged.size(), rate * 100);
        flagged.stream().limit(30).forEach(m -> System.out.println("    flagged: " + m));
        System.out.printf("false positives of the whole engine (SQLi and XSS included): %d (%.4f %%)%n", flaggedByAny,
                100.0 * flaggedByAny / benign.size());
        assertThat(rate).isLessThanOrEqualTo(0.001);
    }
}
