package io.periscope.sensitive.json;

import static org.assertj.core.api.Assertions.assertThat;

import io.periscope.events.catalog.ParameterLocation;
import io.periscope.events.http.BodyScan;
import io.periscope.sensitive.SensitiveScanner;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class JsonBodyScanTest {
    private final JsonBodyScan scan = new JsonBodyScan(SensitiveScanner.withDefaults("US", List.of()), 64);

    /** A German IBAN with a valid mod-97 check for account {@code n}. */
    static String iban(int n) {
        String bban = "37040044" + String.format("%010d", n);
        String check = String.format("%02d", 98 - new BigInteger(bban + "131400").mod(BigInteger.valueOf(97)).intValue());
        return "DE" + check + bban;
    }

    /** A Visa test number with a valid Luhn digit for {@code n}. */
    static String card(int n) {
        String body = "411111" + String.format("%09d", n);
        int sum = 0;
        for (int i = 0; i < body.length(); i++) {
            int d = body.charAt(body.length() - 1 - i) - '0';
            if (i % 2 == 0) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
        }
        return body + (10 - sum % 10) % 10;
    }

    /** {@code records} account records; only the last {@code sensitive} carry an IBAN, a card number and an e-mail. */
    static byte[] accounts(int records, int sensitive) {
        StringBuilder b = new StringBuilder("{\"accounts\":[");
        for (int i = 0; i < records; i++) {
            boolean s = i >= records - sensitive;
            b.append(i == 0 ? "" : ",").append("{\"id\":").append(i).append(",\"name\":\"Account holder number ").append(i)
                    .append("\",\"status\":\"active\",\"currency\":\"EUR\",\"balance\":").append(i * 13).append(".25")
                    .append(",\"note\":\"").append(s ? "" : "regular customer since the beginning").append('"');
            if (s) {
                b.append(",\"iban\":\"").append(iban(i)).append("\",\"card\":\"").append(card(i))
                        .append("\",\"contact\":\"holder").append(i).append("@bank.example\"");
            }
            b.append('}');
        }
        return b.append("],\"total\":").append(records).append('}').toString().getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void valuesAtTheEndOfALargeResponseAreFoundWithTheirPathsAndCounts() {
        byte[] body = accounts(300, 10);
        assertThat(body.length).isGreaterThan(30_000);
        JsonBodyScan.Outcome o = scan.scan(ParameterLocation.RESPONSE_BODY, body, body.length, 0);
        assertThat(o.walk().stop()).isEqualTo(JsonValueScanner.Stop.COMPLETE);
        assertThat(o.found()).extracting(BodyScan.Found::type, BodyScan.Found::field, BodyScan.Found::count)
                .contains(org.assertj.core.groups.Tuple.tuple("iban", "$.accounts[*].iban", 10L),
                        org.assertj.core.groups.Tuple.tuple("payment_card", "$.accounts[*].card", 10L),
                        org.assertj.core.groups.Tuple.tuple("email", "$.accounts[*].contact", 10L));
    }

    @Test
    void examplesAreMaskedNeverRaw() {
        byte[] body = accounts(3, 3);
        JsonBodyScan.Outcome o = scan.scan(ParameterLocation.RESPONSE_BODY, body, body.length, 0);
        String raw = new String(body, StandardCharsets.UTF_8);
        for (BodyScan.Found f : o.found()) {
            assertThat(raw).doesNotContain(f.example());
        }
        assertThat(o.found()).extracting(BodyScan.Found::example).doesNotContain(iban(0), card(0));
    }

    @Test
    void onlyValuesPastReportFromAreCounted() {
        byte[] body = accounts(20, 20);
        int half = body.length / 2;
        JsonBodyScan.Outcome o = scan.scan(ParameterLocation.RESPONSE_BODY, body, body.length, half);
        long ibans = o.found().stream().filter(f -> f.type().equals("iban")).mapToLong(BodyScan.Found::count).sum();
        assertThat(ibans).isBetween(8L, 12L);
    }

    @Test
    void distinctEntriesAreBoundedAndTheRestCounted() {
        StringBuilder b = new StringBuilder("{");
        for (int i = 0; i < BodyScan.MAX_FOUND + 10; i++) {
            b.append(i == 0 ? "" : ",").append("\"f").append(i).append("\":\"u").append(i).append("@x.example\"");
        }
        byte[] body = b.append('}').toString().getBytes(StandardCharsets.UTF_8);
        JsonBodyScan.Outcome o = scan.scan(ParameterLocation.RESPONSE_BODY, body, body.length, 0);
        assertThat(o.found()).hasSize(BodyScan.MAX_FOUND);
        assertThat(o.dropped()).isEqualTo(10);
    }
}
