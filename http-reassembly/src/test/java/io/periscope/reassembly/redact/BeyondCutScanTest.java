package io.periscope.reassembly.redact;

import static org.assertj.core.api.Assertions.assertThat;

import io.periscope.events.http.Body;
import io.periscope.events.http.BodyScan;
import io.periscope.events.kafka.EventJson;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Hostile JSON past the published cap: the walk past the cut stays bounded (depth, string length, time), keeps its
 * footing on bytes that are not UTF-8, finds values written as numbers or strings, says when it could not finish,
 * and never lets a raw secret or sensitive value into the published body or its scan summary.
 */
class BeyondCutScanTest {
    private static final int CAP = 256;
    private static final String CARD = "4111111111111111";
    private static final String PASSWORD = "correct-horse-battery-staple";
    private final Redaction r = new Redaction(b -> b.maxBodyBytes(CAP));

    private static String padding() {
        return "{\"padding\":\"" + "p".repeat(CAP) + "\"";
    }

    private Body scan(byte[] json) {
        return r.bodyOf(Redaction.response(), "application/json", json);
    }

    private Body scan(String json) {
        return scan(json.getBytes(StandardCharsets.UTF_8));
    }

    private static List<String> types(Body b) {
        return b.scan().beyondContent().stream().map(BodyScan.Found::type).toList();
    }

    private static String serialized(Body b) throws Exception {
        return EventJson.mapper().writeValueAsString(b) + new String(b.content(), StandardCharsets.UTF_8);
    }

    @Test
    void deeplyNestedJsonPastTheCutIsWalkedWithinBoundsAndItsValuesJudged() {
        int depth = 400_000;
        String json = padding() + ",\"a\":" + "[".repeat(depth) + "\"" + CARD + "\"" + "]".repeat(depth) + "}";
        long start = System.nanoTime();
        Body b = scan(json);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
        assertThat(b.content().length).isLessThanOrEqualTo(CAP + 64);
        assertThat(types(b)).contains("payment_card");
        assertThat(b.scan().complete()).isTrue();
    }

    @Test
    void aHugeStringPastTheCutIsSkippedAndTheValuesAfterItJudged() {
        String json = padding() + ",\"blob\":\"" + "A".repeat(900_000) + "\",\"card\":\"" + CARD + "\"}";
        Body b = scan(json);
        assertThat(types(b)).containsExactly("payment_card");
        assertThat(b.scan().scannedBytes()).isEqualTo(json.length());
    }

    @Test
    void invalidUtf8PastTheCutDoesNotStopTheWalk() {
        byte[] head = (padding() + ",\"bad\":\"").getBytes(StandardCharsets.UTF_8);
        byte[] tail = ("\",\"email\":\"ada@example.org\"}").getBytes(StandardCharsets.UTF_8);
        byte[] json = new byte[head.length + 4 + tail.length];
        System.arraycopy(head, 0, json, 0, head.length);
        json[head.length] = (byte) 0xC3;
        json[head.length + 1] = (byte) 0x28;
        json[head.length + 2] = (byte) 0xFF;
        json[head.length + 3] = (byte) 0x80;
        System.arraycopy(tail, 0, json, head.length + 4, tail.length);
        Body b = scan(json);
        assertThat(types(b)).containsExactly("email");
        assertThat(b.scan().complete()).isTrue();
    }

    @Test
    void cardNumbersAsNumbersAndAsStringsAreBothFound() {
        Body b = scan(padding() + ",\"cardNum\":" + CARD + ",\"cardText\":\"" + CARD + "\"}");
        assertThat(b.scan().beyondContent()).extracting(BodyScan.Found::field)
                .containsExactlyInAnyOrder("$.cardNum", "$.cardText");
    }

    @Test
    void aDocumentCutInsideItsTailIsFlaggedPartlyScannedWithWhatWasFound() {
        Body b = scan(padding() + ",\"card\":\"" + CARD + "\",\"more\":[1,2,");
        assertThat(types(b)).containsExactly("payment_card");
        assertThat(b.scan().complete()).isFalse();
        assertThat(r.metrics.value("bodies.partly-scanned{reason=truncated_json}")).isEqualTo(1);
    }

    @Test
    void malformedJsonPastTheCutIsFlaggedWhereItBroke() {
        String json = padding() + ",\"card\":\"" + CARD + "\" \"oops\": 1}";
        Body b = scan(json);
        assertThat(b.scan().complete()).isFalse();
        assertThat(b.scan().scannedBytes()).isEqualTo(json.indexOf("\"oops\""));
        assertThat(types(b)).containsExactly("payment_card");
    }

    @Test
    void credentialsAndSensitiveValuesPastTheCutNeverReachThePublishedRecord() throws Exception {
        String jwt = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ1LTEifQ.c2lnbmF0dXJlLWJ5dGVzLTAxMjM0NQ";
        Body b = scan(padding() + ",\"password\":\"" + PASSWORD + "\",\"token\":\"" + jwt + "\",\"card\":\"" + CARD + "\"}");
        String out = serialized(b);
        for (String raw : List.of(PASSWORD, jwt, CARD, "c2lnbmF0dXJl")) {
            assertThat(out).as("raw %s", raw).doesNotContain(raw);
        }
        assertThat(types(b)).contains("password", "jwt", "payment_card");
    }

    @Test
    void aSecretStraddlingTheCutIsRedactedInThePublishedPart() throws Exception {
        String json = "{\"pad\":\"" + "p".repeat(CAP - 30) + "\",\"password\":\"" + PASSWORD + "\"}";
        Body b = scan(json);
        assertThat(b.truncated()).isTrue();
        assertThat(serialized(b)).doesNotContain(PASSWORD.substring(0, 8));
    }
}
