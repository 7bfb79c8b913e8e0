package io.periscope.reassembly;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import io.periscope.events.http.Body;
import io.periscope.events.http.BodyScan;
import io.periscope.events.http.ExchangeFlag;
import io.periscope.events.http.HttpExchange;
import io.periscope.events.kafka.EventJson;
import io.periscope.reassembly.support.Conversation;
import io.periscope.reassembly.support.Harness;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

/**
 * A large JSON response (the whole data set of a small service: 300 account records, about 60 KiB) whose sensitive
 * values sit in its last records, through TCP reassembly, parsing, decoding and redaction: every sensitive type
 * travels with the exchange whether the body is published whole or cut, and a body longer than the scan limit says
 * it was only partly scanned.
 */
class LargeBodyScanTest {
    private static final int RECORDS = 300;
    private static final int SENSITIVE = 12;

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
                d = d * 2 > 9 ? d * 2 - 9 : d * 2;
            }
            sum += d;
        }
        return body + (10 - sum % 10) % 10;
    }

    static String email(int n) {
        return "holder" + n + "@bank.example";
    }

    /** {@code records} account records; the last {@code sensitive} carry an IBAN, a card number and an e-mail. */
    static byte[] accounts(int records, int sensitive) {
        StringBuilder b = new StringBuilder("{\"accounts\":[");
        for (int i = 0; i < records; i++) {
            boolean s = i >= records - sensitive;
            b.append(i == 0 ? "" : ",").append("{\"id\":").append(i).append(",\"name\":\"Account holder number ").append(i)
                    .append("\",\"status\":\"active\",\"currency\":\"EUR\",\"balance\":").append(i * 13).append(".25")
                    .append(",\"branch\":\"Main street branch, second floor\",\"opened\":\"2019-04-0").append(i % 9 + 1)
                    .append("\",\"note\":\"").append(s ? "" : "regular customer since the beginning").append('"');
            if (s) {
                b.append(",\"iban\":\"").append(iban(i)).append("\",\"card\":\"").append(card(i))
                        .append("\",\"contact\":\"").append(email(i)).append('"');
            }
            b.append('}');
        }
        return b.append("],\"total\":").append(records).append('}').toString().getBytes(StandardCharsets.UTF_8);
    }

    private static List<String> raws() {
        List<String> out = new ArrayList<>();
        for (int i = RECORDS - SENSITIVE; i < RECORDS; i++) {
            out.add(iban(i));
            out.add(card(i));
            out.add(email(i));
        }
        return out;
    }

    private static HttpExchange fetch(Harness h, byte[] body, String encoding) {
        String head = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                + (encoding == null ? "" : "Content-Encoding: " + encoding + "\r\n") + "Content-Length: " + body.length
                + "\r\n\r\n";
        byte[] response = new byte[head.length() + body.length];
        System.arraycopy(head.getBytes(StandardCharsets.ISO_8859_1), 0, response, 0, head.length());
        System.arraycopy(body, 0, response, head.length(), body.length);
        h.run(Conversation.between("10.1.0.5", 40000, "10.2.0.9", 80).handshake()
                .client("GET /v1/accounts HTTP/1.1\r\nHost: bank.example\r\n\r\n").server(response).close());
        assertThat(h.exchanges).hasSize(1);
        return h.exchanges.get(0);
    }

    private static void assertNoRawValue(HttpExchange e) throws Exception {
        String all = EventJson.mapper().writeValueAsString(e) + new String(e.response().body().content(), StandardCharsets.UTF_8);
        for (String raw : raws()) {
            assertThat(all).as("raw value %s", raw).doesNotContain(raw);
        }
    }

    private static long count(String text, String needle) {
        long n = 0;
        for (int at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + 1)) {
            n++;
        }
        return n;
    }

    @Test
    void aLargeResponsePublishedWholeIsMaskedToItsLastRecordAndSaysSo() throws Exception {
        byte[] body = accounts(RECORDS, SENSITIVE);
        assertThat(body.length).isBetween(55_000, 64 * 1024);
        HttpExchange e = fetch(new Harness(), body, null);
        Body b = e.response().body();
        assertThat(b.truncated()).isFalse();
        assertThat(b.scan()).isEqualTo(BodyScan.whole(body.length));
        String published = new String(b.content(), StandardCharsets.UTF_8);
        assertThat(count(published, "[masked:iban:")).isEqualTo(SENSITIVE);
        assertThat(count(published, "[masked:payment_card:")).isEqualTo(SENSITIVE);
        assertThat(count(published, "[masked:email:")).isEqualTo(SENSITIVE);
        assertNoRawValue(e);
    }

    @Test
    void theSensitiveTypesPastThePublishedCapTravelWithTheExchange() throws Exception {
        byte[] body = accounts(RECORDS, SENSITIVE);
        Harness h = new Harness(b -> b.maxBodyBytes(16 * 1024));
        HttpExchange e = fetch(h, body, null);
        Body b = e.response().body();
        assertThat(b.content().length).isLessThan(17 * 1024);
        assertThat(b.truncated()).isTrue();
        assertThat(e.flags()).contains(ExchangeFlag.BODY_TRUNCATED);
        assertThat(b.scan().complete()).isTrue();
        assertThat(b.scan().scannedBytes()).isEqualTo(body.length);
        assertThat(b.scan().beyondContent()).extracting(BodyScan.Found::type, BodyScan.Found::field, BodyScan.Found::count)
                .contains(tuple("iban", "$.accounts[*].iban", (long) SENSITIVE),
                        tuple("payment_card", "$.accounts[*].card", (long) SENSITIVE),
                        tuple("email", "$.accounts[*].contact", (long) SENSITIVE));
        assertNoRawValue(e);
    }

    @Test
    void aCompressedLargeResponseIsScannedAsFarAsItIsDecoded() throws Exception {
        byte[] body = accounts(RECORDS, SENSITIVE);
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
            out.write(body);
        }
        HttpExchange e = fetch(new Harness(b -> b.maxBodyBytes(8 * 1024)), gz.toByteArray(), "gzip");
        Body b = e.response().body();
        assertThat(b.decoded()).isTrue();
        assertThat(b.scan().complete()).isTrue();
        assertThat(b.scan().beyondContent()).extracting(BodyScan.Found::type).contains("iban", "payment_card", "email");
        assertNoRawValue(e);
    }

    @Test
    void aBodyLongerThanTheScanLimitIsFlaggedPartlyScanned() throws Exception {
        byte[] body = accounts(RECORDS, SENSITIVE);
        Harness h = new Harness(b -> b.maxBodyBytes(8 * 1024).maxScanBytes(32 * 1024));
        HttpExchange e = fetch(h, body, null);
        Body b = e.response().body();
        assertThat(b.scan().complete()).isFalse();
        assertThat(b.scan().scannedBytes()).isEqualTo(32 * 1024);
        assertThat(b.partlyScanned()).isTrue();
        assertThat(h.metric("bodies.partly-scanned{reason=scan_limit}")).isEqualTo(1);
        assertNoRawValue(e);
    }

    @Test
    void aBodyOfAnotherTypeIsCapturedOnlyAsFarAsItIsPublished() {
        byte[] body = accounts(RECORDS, SENSITIVE);
        String head = "HTTP/1.1 200 OK\r\nContent-Type: text/csv\r\nContent-Length: " + body.length + "\r\n\r\n";
        Harness h = new Harness(b -> b.maxBodyBytes(8 * 1024));
        h.run(Conversation.between("10.1.0.5", 40000, "10.2.0.9", 80).handshake()
                .client("GET /v1/export HTTP/1.1\r\nHost: bank.example\r\n\r\n")
                .server(head + new String(body, StandardCharsets.ISO_8859_1)).close());
        Body b = h.exchanges.get(0).response().body();
        assertThat(b.content().length).isLessThanOrEqualTo(8 * 1024);
        assertThat(b.scan()).isEqualTo(new BodyScan(8 * 1024, false, List.of()));
        assertThat(h.metric("bodies.partly-scanned{reason=not_json}")).isEqualTo(1);
    }
}
