package io.periscope.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.periscope.discovery.catalog.CatalogEngine;
import io.periscope.discovery.catalog.CatalogOutput;
import io.periscope.discovery.catalog.DiscoveryConfig;
import io.periscope.discovery.catalog.DiscoveryMetrics;
import io.periscope.discovery.catalog.ServiceState;
import io.periscope.events.catalog.CatalogChange;
import io.periscope.events.catalog.EndpointSnapshot;
import io.periscope.events.catalog.PostureFinding;
import io.periscope.events.catalog.ProbedPath;
import io.periscope.events.catalog.SensitiveDataInfo;
import io.periscope.events.http.HttpExchange;
import io.periscope.events.kafka.JsonSerde;
import io.periscope.events.kafka.Topics;
import io.periscope.reassembly.ReassemblyConfig;
import io.periscope.reassembly.ReassemblySink;
import io.periscope.reassembly.ReassemblySinkFactory;
import io.periscope.segment.TcpSegment;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * Issue 13's large response, from the sensor to the catalog: a service's whole data set (300 account records, about
 * 60 KiB of JSON) with IBANs, card numbers and e-mail addresses in its last records goes through the real
 * reassembly, redaction and scan, the Kafka record format, and discovery. The endpoint is recorded with all three
 * types whether the sensor publishes the body whole or cuts it, and with a scan limit below the body's size it says
 * its bodies were only partly scanned.
 */
class LargeResponseSensitiveDataTest {
    private static final int RECORDS = 300;
    private static final int SENSITIVE = 12;
    private static final byte[] SECRET = "large-response-test-secret".getBytes(StandardCharsets.UTF_8);

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

    static byte[] accounts() {
        StringBuilder b = new StringBuilder("{\"accounts\":[");
        for (int i = 0; i < RECORDS; i++) {
            b.append(i == 0 ? "" : ",").append("{\"id\":").append(i).append(",\"name\":\"Account holder ").append(i)
                    .append("\",\"status\":\"active\",\"currency\":\"EUR\",\"balance\":").append(i * 13).append(".25")
                    .append(",\"opened\":\"2019-04-01\",\"tier\":2,\"flags\":[\"a\",\"b\"],\"owner\":{\"since\":2019}");
            if (i >= RECORDS - SENSITIVE) {
                b.append(",\"iban\":\"").append(iban(i)).append("\",\"card\":\"").append(card(i))
                        .append("\",\"contact\":\"holder").append(i).append("@bank.example\"");
            } else {
                b.append(",\"iban\":null,\"card\":null,\"contact\":null");
            }
            b.append('}');
        }
        return b.append("]}").toString().getBytes(StandardCharsets.UTF_8);
    }

    /** One TCP segment of the conversation 10.1.0.5:40000 → 10.2.0.9:80. */
    private record Segment(long timestampMicros, boolean fromClient, int seq, int ack, int flags, byte[] payload)
            implements TcpSegment {
        private static final long CLIENT = 0x0000_FFFF_0A01_0005L;
        private static final long SERVER = 0x0000_FFFF_0A02_0009L;

        @Override public String session() { return "bank"; }
        @Override public int vni() { return 7; }
        @Override public boolean ipv6() { return false; }
        @Override public long srcAddrHi() { return 0; }
        @Override public long srcAddrLo() { return fromClient ? CLIENT : SERVER; }
        @Override public long dstAddrHi() { return 0; }
        @Override public long dstAddrLo() { return fromClient ? SERVER : CLIENT; }
        @Override public int srcPort() { return fromClient ? 40000 : 80; }
        @Override public int dstPort() { return fromClient ? 80 : 40000; }
        @Override public int window() { return 65535; }
        @Override public byte[] payloadArray() { return payload; }
        @Override public int payloadOffset() { return 0; }
        @Override public int payloadLength() { return payload.length; }
        @Override public int wireLength() { return payload.length; }
        @Override public int flowHash() { return (int) (CLIENT ^ SERVER) ^ 40000 ^ 80; }
    }

    /** The sensor's record of GET /v1/accounts answered with {@code body}, as discovery reads it from Kafka. */
    private static HttpExchange sensed(Consumer<ReassemblyConfig.Builder> tweak, byte[] body) {
        ReassemblyConfig.Builder config = ReassemblyConfig.builder(SECRET);
        tweak.accept(config);
        List<HttpExchange> out = new ArrayList<>();
        ReassemblySink sink = new ReassemblySinkFactory(config.build(), out::add, new SimpleMeterRegistry()).createSink(0, 1);
        byte[] request = "GET /v1/accounts HTTP/1.1\r\nHost: bank.example\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1);
        byte[] head = ("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " + body.length + "\r\n\r\n")
                .getBytes(StandardCharsets.ISO_8859_1);
        byte[] response = new byte[head.length + body.length];
        System.arraycopy(head, 0, response, 0, head.length);
        System.arraycopy(body, 0, response, head.length, body.length);
        long t = 1_700_000_000_000_000L;
        int c = 1000;
        int s = 5000;
        sink.onSegment(new Segment(t++, true, c++, 0, TcpSegment.SYN, new byte[0]));
        sink.onSegment(new Segment(t++, false, s++, c, TcpSegment.SYN | TcpSegment.ACK, new byte[0]));
        sink.onSegment(new Segment(t++, true, c, s, TcpSegment.ACK | TcpSegment.PSH, request));
        c += request.length;
        for (int off = 0; off < response.length; off += 1448) {
            byte[] chunk = java.util.Arrays.copyOfRange(response, off, Math.min(response.length, off + 1448));
            sink.onSegment(new Segment(t++, false, s, c, TcpSegment.ACK | TcpSegment.PSH, chunk));
            s += chunk.length;
        }
        sink.onSegment(new Segment(t++, true, c, s, TcpSegment.ACK | TcpSegment.FIN, new byte[0]));
        sink.onSegment(new Segment(t, false, s, c + 1, TcpSegment.ACK | TcpSegment.FIN, new byte[0]));
        sink.onClose();
        assertThat(out).hasSize(1);
        JsonSerde<HttpExchange> serde = JsonSerde.of(HttpExchange.class);
        byte[] wire = serde.serializer().serialize(Topics.EXCHANGES, out.get(0));
        String json = new String(wire, StandardCharsets.UTF_8);
        for (int i = RECORDS - SENSITIVE; i < RECORDS; i++) {
            assertThat(json).doesNotContain(iban(i)).doesNotContain(card(i));
        }
        return serde.deserializer().deserialize(Topics.EXCHANGES, wire);
    }

    private static EndpointSnapshot catalogued(HttpExchange exchange) {
        List<EndpointSnapshot> endpoints = new ArrayList<>();
        CatalogEngine engine = new CatalogEngine(DiscoveryConfig.defaults(), new DiscoveryMetrics(new SimpleMeterRegistry()),
                InstantSource.system());
        CatalogOutput out = new CatalogOutput() {
            @Override public void change(CatalogChange change) { }
            @Override public void finding(PostureFinding finding) { }
            @Override public void endpoint(EndpointSnapshot snapshot) { endpoints.add(snapshot); }
            @Override public void endpointRemoved(String serviceKey, String endpointId) { }
            @Override public void findingRemoved(String findingId) { }
            @Override public void service(ServiceState state) { }
            @Override public void probedPath(ProbedPath path) { }
            @Override public void probedPathRemoved(String serviceKey, String probedPathId) { }
        };
        engine.accept(exchange, out);
        engine.flush(System.currentTimeMillis() * 1000, out);
        assertThat(endpoints).hasSize(1);
        return endpoints.get(0);
    }

    private static void assertAllTypes(EndpointSnapshot s) {
        assertThat(s.sensitiveData()).extracting(SensitiveDataInfo::type, SensitiveDataInfo::name, SensitiveDataInfo::count)
                .contains(tuple("iban", "$.accounts[*].iban", (long) SENSITIVE),
                        tuple("payment_card", "$.accounts[*].card", (long) SENSITIVE),
                        tuple("email", "$.accounts[*].contact", (long) SENSITIVE));
    }

    @Test
    void aLargeResponsePublishedWholeIsCataloguedWithEveryTypeOfItsLastRecords() {
        byte[] body = accounts();
        assertThat(body.length).isBetween(55_000, 64 * 1024);
        EndpointSnapshot s = catalogued(sensed(b -> { }, body));
        assertAllTypes(s);
        assertThat(s.traffic().responseBytes().partlyScanned()).isZero();
    }

    @Test
    void aLargeResponseCutBeforePublishingIsCataloguedWithEveryTypeItsSensorFound() {
        EndpointSnapshot s = catalogued(sensed(b -> b.maxBodyBytes(16 * 1024), accounts()));
        assertAllTypes(s);
        assertThat(s.traffic().responseBytes().partlyScanned()).isZero();
    }

    @Test
    void aResponseLongerThanTheScanLimitIsCataloguedAsPartlyScanned() {
        EndpointSnapshot s = catalogued(sensed(b -> b.maxBodyBytes(8 * 1024).maxScanBytes(16 * 1024), accounts()));
        assertThat(s.traffic().responseBytes().count()).isEqualTo(1);
        assertThat(s.traffic().responseBytes().partlyScanned()).isEqualTo(1);
    }
}
