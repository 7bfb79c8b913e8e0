package io.periscope.discovery.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.periscope.discovery.testing.ExchangeBuilder;
import io.periscope.discovery.testing.RecordingOutput;
import io.periscope.events.catalog.EndpointSnapshot;
import io.periscope.events.catalog.ParameterLocation;
import io.periscope.events.catalog.SensitiveDataInfo;
import io.periscope.events.http.Body;
import io.periscope.events.http.BodyScan;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.InstantSource;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The largest responses of an API (a whole data set, 300 records, about 60 KiB) carry their sensitive values in their
 * last records as often as in their first: the endpoint is recorded with every type, whether discovery reads the
 * whole body (past its own field bounds) or the sensor tells what lay past the content it published; and an
 * endpoint whose bodies were only partly scanned says so.
 */
class LargeBodySensitiveDataTest {
    private static final long NOW = 1_700_000_100_000_000L;
    private static final int RECORDS = 300;
    private static final int SENSITIVE = 12;
    private final RecordingOutput out = new RecordingOutput();
    private final CatalogEngine engine = new CatalogEngine(DiscoveryConfig.defaults(),
            new DiscoveryMetrics(new SimpleMeterRegistry()), InstantSource.system());

    static String iban(int n) {
        String bban = "37040044" + String.format("%010d", n);
        String check = String.format("%02d", 98 - new BigInteger(bban + "131400").mod(BigInteger.valueOf(97)).intValue());
        return "DE" + check + bban;
    }

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

    /** Account records with 14 fields each (more values than discovery records as fields); the last ones sensitive. */
    static String accounts() {
        StringBuilder b = new StringBuilder("{\"accounts\":[");
        for (int i = 0; i < RECORDS; i++) {
            boolean s = i >= RECORDS - SENSITIVE;
            b.append(i == 0 ? "" : ",").append("{\"id\":").append(i).append(",\"name\":\"Account holder ").append(i)
                    .append("\",\"status\":\"active\",\"currency\":\"EUR\",\"balance\":").append(i * 13).append(".25")
                    .append(",\"opened\":\"2019-04-01\",\"tier\":2")
                    .append(",\"flags\":[\"a\",\"b\"],\"owner\":{\"since\":2019}");
            if (s) {
                b.append(",\"iban\":\"").append(iban(i)).append("\",\"card\":\"").append(card(i))
                        .append("\",\"contact\":\"holder").append(i).append("@bank.example\"");
            } else {
                b.append(",\"iban\":null,\"card\":null,\"contact\":null");
            }
            b.append('}');
        }
        return b.append("]}").toString();
    }

    private EndpointSnapshot record(ExchangeBuilder exchange) {
        engine.accept(exchange.build(), out);
        engine.flush(NOW, out);
        EndpointSnapshot s = out.endpoints.values().iterator().next();
        CatalogInvariants.assertValid(s);
        return s;
    }

    private static List<SensitiveDataInfo> sensitive(EndpointSnapshot s) {
        return s.sensitiveData();
    }

    @Test
    void aLargeResponseReadWholeIsRecordedWithTheTypesOfItsLastRecords() {
        String json = accounts();
        assertThat(json.length()).isBetween(55_000, 64 * 1024);
        EndpointSnapshot s = record(ExchangeBuilder.request("GET", "/v1/accounts").respondJson(json));
        assertThat(sensitive(s)).extracting(SensitiveDataInfo::type, SensitiveDataInfo::name, SensitiveDataInfo::count)
                .contains(tuple("iban", "$.accounts[*].iban", (long) SENSITIVE),
                        tuple("payment_card", "$.accounts[*].card", (long) SENSITIVE),
                        tuple("email", "$.accounts[*].contact", (long) SENSITIVE));
        assertThat(s.traffic().responseBytes().partlyScanned()).isZero();
    }

    @Test
    void typesTheSensorFoundPastThePublishedContentAreRecorded() {
        byte[] whole = accounts().getBytes(StandardCharsets.UTF_8);
        Body published = new Body(Arrays.copyOf(whole, 8 * 1024), whole.length, whole.length, true, "application/json",
                List.of(), false, null, new BodyScan(whole.length, true, List.of(
                        new BodyScan.Found("iban", "$.accounts[*].iban", SENSITIVE, 0.95, "DE** **** **** **** **30 00"),
                        new BodyScan.Found("payment_card", "$.accounts[*].card", SENSITIVE, 1.0, "4111 **** **** 1111"))));
        EndpointSnapshot s = record(ExchangeBuilder.request("GET", "/v1/accounts").respondWith(published));
        assertThat(sensitive(s)).extracting(SensitiveDataInfo::type, SensitiveDataInfo::location, SensitiveDataInfo::count,
                        SensitiveDataInfo::maskedExample)
                .contains(tuple("iban", ParameterLocation.RESPONSE_BODY, (long) SENSITIVE, "DE** **** **** **** **30 00"),
                        tuple("payment_card", ParameterLocation.RESPONSE_BODY, (long) SENSITIVE, "4111 **** **** 1111"));
        assertThat(s.traffic().responseBytes().partlyScanned()).as("scanned to its end").isZero();
    }

    @Test
    void anEndpointWhoseBodiesWereOnlyPartlyScannedSaysSo() {
        byte[] whole = accounts().getBytes(StandardCharsets.UTF_8);
        Body partly = new Body(Arrays.copyOf(whole, 8 * 1024), 5_000_000, 5_000_000, true, "application/json", List.of(),
                false, null, new BodyScan(1024 * 1024, false, List.of()));
        engine.accept(ExchangeBuilder.request("GET", "/v1/accounts").respondJson("{\"accounts\":[]}").build(), out);
        EndpointSnapshot s = record(ExchangeBuilder.request("GET", "/v1/accounts").respondWith(partly));
        assertThat(s.traffic().responseBytes().count()).isEqualTo(2);
        assertThat(s.traffic().responseBytes().partlyScanned()).isEqualTo(1);
    }

    @Test
    void aCutBodyFromAProducerWithoutScanSummaryCountsAsPartlyScanned() {
        byte[] whole = accounts().getBytes(StandardCharsets.UTF_8);
        Body cut = new Body(Arrays.copyOf(whole, 8 * 1024), whole.length, whole.length, true, "application/json", List.of(),
                false);
        EndpointSnapshot s = record(ExchangeBuilder.request("GET", "/v1/accounts").respondWith(cut));
        assertThat(s.traffic().responseBytes().partlyScanned()).isEqualTo(1);
    }
}
