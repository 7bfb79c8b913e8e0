package io.periscope.detection.signature.quality;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.periscope.detection.decode.Decoder;
import io.periscope.detection.signature.InputLocation;
import io.periscope.detection.signature.LocationKind;
import io.periscope.detection.signature.Match;
import io.periscope.detection.signature.ValueDetector;
import io.periscope.detection.signature.ValueScan;
import io.periscope.detection.signature.engine.SignatureDetectors;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Every detector's gate ({@link ValueDetector#mayMatch}) is conservative: whenever a detector matches a decoded form
 * at any location, its gate lets that form through. Checked on every payload and benign value of the development
 * set, on values built to reach the rules that need no punctuation ({@code inetpub}, {@code whoami},
 * {@code etc0x2fpasswd}, {@code __class__.__mro__}, {@code 169.254.169.254}), and on random values of the plain
 * characters that gates skip, salted with every detector's words.
 */
class DetectorGatesTest {
    private static final List<ValueDetector> DETECTORS = SignatureDetectors.all();
    private static final List<InputLocation> LOCATIONS = List.of(new InputLocation(LocationKind.QUERY_VALUE, "q"),
            new InputLocation(LocationKind.QUERY_VALUE, "next"), new InputLocation(LocationKind.QUERY_VALUE, "url"),
            new InputLocation(LocationKind.QUERY_NAME, "q"), new InputLocation(LocationKind.HEADER, "User-Agent"),
            new InputLocation(LocationKind.COOKIE, "session"), new InputLocation(LocationKind.PATH_SEGMENT, "*"),
            new InputLocation(LocationKind.PATH_SEGMENT, "1"), new InputLocation(LocationKind.JSON_KEY, "/a"),
            new InputLocation(LocationKind.JSON_VALUE, "/a"), new InputLocation(LocationKind.FORM_FIELD, "redirect"),
            new InputLocation(LocationKind.BODY, "application/xml"));

    /** Values that reach rules whose gate is the subtlest: no punctuation at all, or only dots and dashes. */
    private static final List<String> BARE_ATTACKS = List.of("inetpub", "INETPUB", "WEB-INF", "web-inf",
            "etc0x2fpasswd", "0x2fetc0x2fshadow", "win0x2eini", "whoami", "WhoAmI", "uname", "ifconfig.exe",
            "/usr/bin/whoami", "c:whoami", "169.254.169.254", "metadata.google.internal", "__class__.__mro__",
            "__class____mro__", "1e0union", "1or1", "0x41or1", ".htaccess", "WIN.INI", "....etc", "wp-config.php",
            "boot.ini", "x.bash_history");

    /** Words of every detector's vocabulary, to salt random plain values with. */
    private static final List<String> WORDS = List.of("union", "select", "or", "and", "sleep", "benchmark", "waitfor",
            "delay", "drop", "table", "from", "where", "order", "by", "having", "information_schema", "0x", "1e0", "e1",
            "inetpub", "web-inf", "win", "ini", "etc", "passwd", "whoami", "uname", "netstat", "tasklist", "phpinfo",
            "ipconfig", "systeminfo", "exe", "__class__", "__mro__", "__init__", "config", "self", "alert", "script",
            "javascript", "jndi", "ldap", "localhost", "metadata", "google", "internal", "169", "254", "127", "0",
            "1", "9", "x", "_", "-", "--", ".", "..", "....", " ", "htaccess", "htpasswd", "bash_history", "global",
            "asa", "boot", "system", "wp-config", "php", "bat", "autoexec");

    private static void assertGatesHold(String value) {
        for (String form : Decoder.variants(value)) {
            ValueScan scan = ValueScan.of(form);
            for (ValueDetector d : DETECTORS) {
                if (d.mayMatch(scan)) {
                    continue;
                }
                for (InputLocation location : LOCATIONS) {
                    for (String host : new String[] {null, "shop.example.test"}) {
                        Match m = d.inspect(form, location, host).orElse(null);
                        assertThat(m).as("%s gated out %s [%s] at %s, yet it matches", d.attackClass(), form, value,
                                location).isNull();
                    }
                }
            }
        }
    }

    @Test
    void noGateSkipsAValueBuiltToReachARuleWithoutPunctuation() {
        int matched = 0;
        for (String value : BARE_ATTACKS) {
            assertGatesHold(value);
            for (ValueDetector d : DETECTORS) {
                if (d.inspectForms(Decoder.variants(value), LOCATIONS.get(0), null).isPresent()) {
                    matched++;
                }
            }
        }
        // the list reaches real rules (inspectForms runs behind the gates): if it did not, the check above would be empty
        assertThat(matched).isGreaterThanOrEqualTo(10);
    }

    @Test
    void noGateSkipsARandomPlainValueSaltedWithDetectorWords() {
        Random random = new Random(14);
        String plain = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-. ";
        for (int i = 0; i < 20_000; i++) {
            StringBuilder sb = new StringBuilder();
            int parts = 1 + random.nextInt(4);
            for (int p = 0; p < parts; p++) {
                if (random.nextBoolean()) {
                    sb.append(WORDS.get(random.nextInt(WORDS.size())));
                } else {
                    for (int k = random.nextInt(4); k >= 0; k--) {
                        sb.append(plain.charAt(random.nextInt(plain.length())));
                    }
                }
            }
            assertGatesHold(sb.toString());
        }
    }

    @Test
    void noGateSkipsAPayloadOrBenignValueOfTheDevelopmentSet() throws IOException {
        List<String> values = new ArrayList<>(Log4ShellPayloads.all());
        values.addAll(GeneratedBenignValues.generate(6000, 7));
        Path dir = DetectionData.dir().orElse(null);
        assumeTrue(dir != null, "../shared/detection-data is absent");
        for (String folder : List.of("sql-injection", "xss-injection", "directory-traversal", "file-inclusion",
                "command-injection", "nosql-injection", "open-redirect")) {
            values.addAll(DetectionData.payloads(dir, folder));
        }
        DetectionData.httpParams(dir).forEach(p -> values.add(p.payload()));
        for (String value : values) {
            assertGatesHold(value.replace("{FILE}", "etc/passwd").replace("{file}", "etc/passwd"));
        }
    }
}
