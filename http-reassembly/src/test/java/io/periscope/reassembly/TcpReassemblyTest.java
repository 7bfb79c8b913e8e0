package io.periscope.reassembly;

import static org.assertj.core.api.Assertions.assertThat;

import io.periscope.events.http.ExchangeFlag;
import io.periscope.events.http.HttpExchange;
import io.periscope.reassembly.support.Conversation;
import io.periscope.reassembly.support.Harness;
import io.periscope.reassembly.support.Packet;
import io.periscope.reassembly.support.TestSegment;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/** TCP-level behaviour: ordering, overlaps, wrap-around, gaps, pick-up, orientation, endings, limits. */
class TcpReassemblyTest {
    private static final String REQUEST = "GET /orders?id=7 HTTP/1.1\r\nHost: shop.example\r\nUser-Agent: t\r\n\r\n";
    private static final String RESPONSE = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 26\r\n\r\n{\"id\":7,\"status\":\"placed\"}";

    private static Conversation conn() {
        return Conversation.between("10.1.0.5", 40000, "10.2.0.9", 80).segmentSize(10).handshake();
    }

    private static String responseBody(HttpExchange e) {
        return new String(e.response().body().content(), StandardCharsets.ISO_8859_1);
    }

    private static List<Integer> dataIndexes(List<Packet> packets, boolean fromClient) {
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < packets.size(); i++) {
            if (packets.get(i).isData() && packets.get(i).fromClient() == fromClient) {
                out.add(i);
            }
        }
        return out;
    }

    @Test
    void outOfOrderSegmentsAreReassembled() {
        List<Packet> packets = conn().client(REQUEST).server(RESPONSE).close().packets();
        List<Integer> server = dataIndexes(packets, false);
        Collections.swap(packets, server.get(1), server.get(4));
        Collections.swap(packets, server.get(2), server.get(3));
        List<Integer> client = dataIndexes(packets, true);
        Collections.swap(packets, client.get(0), client.get(2));
        Harness h = new Harness();
        List<HttpExchange> out = h.run(packets);
        assertThat(out).hasSize(1);
        assertThat(out.get(0).request().target()).isEqualTo("/orders?id=7");
        assertThat(responseBody(out.get(0))).isEqualTo("{\"id\":7,\"status\":\"placed\"}");
        assertThat(out.get(0).flags()).isEmpty();
    }

    @Test
    void retransmittedSegmentWithDifferentBytesKeepsTheFirstCopy() {
        List<Packet> packets = conn().client(REQUEST).server(RESPONSE).close().packets();
        List<Integer> server = dataIndexes(packets, false);
        Packet last = packets.get(server.get(server.size() - 1));
        byte[] evil = last.payload().clone();
        java.util.Arrays.fill(evil, (byte) 'X');
        // a retransmission of an already delivered segment, and an overlapping out-of-order copy
        packets.add(server.get(server.size() - 1) + 1, last.withPayload(evil));
        Packet middle = packets.get(server.get(3));
        packets.add(server.get(2), middle.withPayload(new byte[middle.payload().length]));
        Harness h = new Harness();
        List<HttpExchange> out = h.run(packets);
        assertThat(out).hasSize(1);
        assertThat(responseBody(out.get(0))).isEqualTo("{\"id\":7,\"status\":\"placed\"}".replace("placed", "placed"));
        assertThat(h.metric("segments.dropped{reason=retransmission}")).isGreaterThanOrEqualTo(1);
    }

    @Test
    void aLaterOverlappingSegmentCannotRewriteBufferedBytes() {
        // first copy "GOOD" arrives out of order; a later segment covering it carries "EVIL"
        Conversation c = Conversation.between("10.1.0.5", 40000, "10.2.0.9", 80).handshake();
        List<Packet> packets = c.client("GET /x HTTP/1.1\r\nHost: h\r\nX-V: GOOD\r\n\r\n").close().packets();
        int dataIdx = dataIndexes(packets, true).get(0);
        Packet whole = packets.get(dataIdx);
        byte[] all = whole.payload();
        int cut = all.length - 8; // "GOOD\r\n\r\n"
        byte[] head = java.util.Arrays.copyOf(all, cut);
        byte[] tail = java.util.Arrays.copyOfRange(all, cut, all.length);
        byte[] evil = all.clone();
        System.arraycopy("EVIL".getBytes(StandardCharsets.ISO_8859_1), 0, evil, cut, 4);
        List<Packet> attack = new ArrayList<>(packets.subList(0, dataIdx));
        attack.add(new Packet(whole.micros(), whole.session(), whole.vni(), whole.src(), whole.dst(), true,
                whole.seq() + cut, whole.ack(), whole.flags(), tail, tail.length));
        attack.add(whole.withPayload(evil).withMicros(whole.micros() + 1));
        attack.addAll(packets.subList(dataIdx + 1, packets.size()));
        Harness h = new Harness();
        List<HttpExchange> out = h.run(attack);
        assertThat(head.length).isPositive();
        assertThat(out).hasSize(1);
        assertThat(out.get(0).request().headerValues("x-v")).containsExactly("GOOD");
    }

    @Test
    void sequenceNumbersWrapAround() {
        Harness h = new Harness();
        List<HttpExchange> out = h.run(Conversation.between("10.1.0.5", 40000, "10.2.0.9", 80).segmentSize(7)
                .isns(0xFFFF_FFF0, 0xFFFF_FFFA).handshake().client(REQUEST).server(RESPONSE).close());
        assertThat(out).hasSize(1);
        assertThat(responseBody(out.get(0))).isEqualTo("{\"id\":7,\"status\":\"placed\"}");
        assertThat(out.get(0).flags()).isEmpty();
    }

    @Test
    void aLostBodySegmentLeavesAGapAndTheNextExchangeIsIntact() {
        List<Packet> packets = Conversation.between("10.1.0.5", 40000, "10.2.0.9", 80).segmentSize(20).handshake()
                .client("GET /1 HTTP/1.1\r\nHost: h\r\n\r\n")
                .server("HTTP/1.1 200 OK\r\nContent-Length: 70\r\n\r\n" + "a".repeat(70))
                .client("GET /2 HTTP/1.1\r\nHost: h\r\n\r\n")
                .server("HTTP/1.1 200 OK\r\nContent-Length: 14\r\n\r\n" + "b".repeat(14))
                .close().packets();
        List<Integer> server = dataIndexes(packets, false);
        packets.remove((int) server.get(3)); // inside the 70-byte body
        Harness h = new Harness();
        List<HttpExchange> out = h.run(packets);
        assertThat(out).extracting(e -> e.request().path()).containsExactly("/1", "/2");
        assertThat(out.get(0).flags()).contains(ExchangeFlag.GAP);
        assertThat(out.get(0).response().body().truncated()).isTrue();
        assertThat(out.get(0).response().body().wireLength()).isEqualTo(70);
        assertThat(responseBody(out.get(1))).isEqualTo("b".repeat(14));
        assertThat(out.get(1).flags()).isEmpty();
        assertThat(h.metric("bytes.gap{reason=acknowledged}") + h.metric("bytes.gap{reason=lost}")).isEqualTo(20);
    }

    @Test
    void aGapCoveringAResponseStartResynchronizesAndPairsByAcknowledgement() {
        List<Packet> packets = Conversation.between("10.1.0.5", 40000, "10.2.0.9", 80).segmentSize(1000).handshake()
                .client("GET /1 HTTP/1.1\r\nHost: h\r\n\r\n")
                .server("HTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\n1")
                .client("GET /2 HTTP/1.1\r\nHost: h\r\n\r\n")
                .server("HTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\n2")
                .client("GET /3 HTTP/1.1\r\nHost: h\r\n\r\n")
                .server("HTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\n3")
                .close().packets();
        packets.remove((int) dataIndexes(packets, false).get(1)); // the whole response to /2
        Harness h = new Harness();
        List<HttpExchange> out = h.run(packets);
        assertThat(out).hasSize(3);
        HttpExchange one = out.stream().filter(e -> e.request() != null && e.request().path().equals("/1")).findFirst().orElseThrow();
        HttpExchange two = out.stream().filter(e -> e.request() != null && e.request().path().equals("/2")).findFirst().orElseThrow();
        HttpExchange three = out.stream().filter(e -> e.request() != null && e.request().path().equals("/3")).findFirst().orElseThrow();
        assertThat(responseBody(one)).isEqualTo("1");
        assertThat(two.response()).isNull();
        assertThat(two.flags()).contains(ExchangeFlag.UNPAIRED_REQUEST);
        assertThat(responseBody(three)).isEqualTo("3");
    }

    @Test
    void truncatedSegmentsAreGapsFlaggedAsCaptureTruncation() {
        List<Packet> packets = Conversation.between("10.1.0.5", 40000, "10.2.0.9", 80).segmentSize(40).handshake()
                .client("GET /big HTTP/1.1\r\nHost: h\r\n\r\n")
                .server("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n" + "z".repeat(100))
                .client("GET /next HTTP/1.1\r\nHost: h\r\n\r\n")
                .server("HTTP/1.1 204 No Content\r\n\r\n")
                .close().packets();
        int idx = dataIndexes(packets, false).get(2);
        packets.set(idx, packets.get(idx).truncatedTo(8));
        Harness h = new Harness();
        List<HttpExchange> out = h.run(packets);
        assertThat(out).hasSize(2);
        assertThat(out.get(0).flags()).contains(ExchangeFlag.CAPTURE_TRUNCATED, ExchangeFlag.GAP);
        assertThat(out.get(0).response().body().wireLength()).isEqualTo(100);
        assertThat(out.get(1).response().status()).isEqualTo(204);
        assertThat(h.metric("bytes.gap{reason=truncated_capture}")).isEqualTo(32);
    }

    @Test
    void aConnectionPickedUpMidStreamStartsAtTheFirstMessageAndIsFlagged() {
        List<Packet> packets = Conversation.between("10.1.0.5", 40000, "10.2.0.9", 80).segmentSize(15).handshake()
                .client(REQUEST).server(RESPONSE)
                .client("GET /again HTTP/1.1\r\nHost: shop.example\r\n\r\n")
                .server("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nhi").close().packets();
        List<Packet> tail = new ArrayList<>(packets.subList(5, packets.size())); // no handshake, mid-request
        Harness h = new Harness();
        List<HttpExchange> out = h.run(tail);
        HttpExchange last = out.get(out.size() - 1);
        assertThat(last.request().path()).isEqualTo("/again");
        assertThat(responseBody(last)).isEqualTo("hi");
        assertThat(last.flags()).contains(ExchangeFlag.MIDSTREAM);
        assertThat(last.connection().clientAddress()).isEqualTo("10.1.0.5");
        assertThat(last.connection().serverPort()).isEqualTo(80);
    }

    @Test
    void aSynAckSeenBeforeTheSynStillOrientsTheConnection() {
        // server on the lower address and port, so canonical order alone would guess wrong
        List<Packet> packets = Conversation.between("10.9.9.9", 50000, "10.0.0.1", 1).handshake()
                .client(REQUEST).server(RESPONSE).close().packets();
        Collections.swap(packets, 0, 1);
        Harness h = new Harness();
        List<HttpExchange> out = h.run(packets);
        assertThat(out).hasSize(1);
        assertThat(out.get(0).connection().clientAddress()).isEqualTo("10.9.9.9");
        assertThat(out.get(0).connection().serverAddress()).isEqualTo("10.0.0.1");
        assertThat(out.get(0).flags()).doesNotContain(ExchangeFlag.MIDSTREAM);
    }

    @Test
    void aCaptureOfOnlyResponsesYieldsUnpairedResponsesOrientedToTheServer() {
        List<Packet> packets = Conversation.between("10.9.9.9", 50000, "10.0.0.1", 8000)
                .client("GET /1 HTTP/1.1\r\n\r\n").server(RESPONSE)
                .client("GET /2 HTTP/1.1\r\n\r\n").server(RESPONSE).close().packets();
        packets.removeIf(p -> p.fromClient());
        Harness h = new Harness();
        List<HttpExchange> out = h.run(packets);
        assertThat(out).hasSize(2).allSatisfy(e -> {
            assertThat(e.request()).isNull();
            assertThat(e.flags()).contains(ExchangeFlag.UNPAIRED_RESPONSE);
            assertThat(e.connection().serverAddress()).isEqualTo("10.0.0.1");
            assertThat(e.serverHost()).isEqualTo("10.0.0.1:8000");
        });
        assertThat(h.metric("exchanges{pairing=unpaired_response}")).isEqualTo(2);
    }

    @Test
    void aCaptureOfOnlyRequestsYieldsUnpairedRequests() {
        List<Packet> packets = conn().client("GET /1 HTTP/1.1\r\nHost: h\r\n\r\n").server(RESPONSE)
                .client("GET /2 HTTP/1.1\r\nHost: h\r\n\r\n").server(RESPONSE).close().packets();
        packets.removeIf(p -> !p.fromClient());
        Harness h = new Harness();
        List<HttpExchange> out = h.run(packets);
        assertThat(out).extracting(e -> e.request().path()).containsExactly("/1", "/2");
        assertThat(out).allSatisfy(e -> assertThat(e.flags()).contains(ExchangeFlag.UNPAIRED_REQUEST));
    }

    @Test
    void aResetFlushesPendingRequests() {
        Harness h = new Harness();
        List<HttpExchange> out = h.run(conn().client("GET /slow HTTP/1.1\r\nHost: h\r\n\r\n").clientRst());
        assertThat(out).hasSize(1);
        assertThat(out.get(0).flags()).contains(ExchangeFlag.UNPAIRED_REQUEST);
        assertThat(h.metric("connections.closed{reason=rst}")).isEqualTo(1);
        assertThat(h.sink.connections()).isZero();
    }

    @Test
    void finInBothDirectionsForgetsTheConnection() {
        Harness h = new Harness();
        List<Packet> packets = conn().client(REQUEST).server(RESPONSE).close().packets();
        TestSegment flyweight = new TestSegment();
        packets.forEach(p -> h.sink.onSegment(flyweight.load(p)));
        assertThat(h.exchanges).hasSize(1);
        assertThat(h.sink.connections()).isZero();
        assertThat(h.metric("connections.closed{reason=fin}")).isEqualTo(1);
    }

    @Test
    void anIdleConnectionExpiresOnTheCaptureClockAndItsPartialMessageIsFlagged() {
        Harness h = new Harness(b -> b.idleTimeout(Duration.ofSeconds(30)));
        List<Packet> packets = conn().client("POST /upload HTTP/1.1\r\nHost: h\r\nContent-Length: 100\r\n\r\nonly part").packets();
        TestSegment flyweight = new TestSegment();
        packets.forEach(p -> h.sink.onSegment(flyweight.load(p)));
        long last = packets.get(packets.size() - 1).micros();
        h.sink.onTick(last + 29_000_000L);
        assertThat(h.sink.connections()).isEqualTo(1);
        h.sink.onTick(last + 31_000_000L);
        assertThat(h.sink.connections()).isZero();
        assertThat(h.exchanges).hasSize(1);
        assertThat(h.exchanges.get(0).flags()).contains(ExchangeFlag.PARTIAL, ExchangeFlag.UNPAIRED_REQUEST);
        assertThat(h.metric("connections.closed{reason=idle}")).isEqualTo(1);
    }

    @Test
    void aFloodOfConnectionsEvictsTheLeastRecentlyActiveAndStaysBounded() {
        Harness h = new Harness(b -> b.maxConnections(100));
        TestSegment flyweight = new TestSegment();
        for (int i = 0; i < 1000; i++) {
            for (Packet p : Conversation.between("10.1." + (i / 250) + "." + (i % 250), 40000 + i, "10.2.0.9", 80)
                    .handshake().client("GET /" + i + " HTTP/1.1\r\nHost: h\r\n\r\n").packets()) {
                h.sink.onSegment(flyweight.load(p));
            }
        }
        assertThat(h.sink.connections()).isEqualTo(100);
        assertThat(h.metric("connections.closed{reason=evicted_count}")).isEqualTo(900);
        assertThat(h.exchanges).hasSize(900); // evicted connections flush their requests, flagged unpaired
        h.sink.onClose();
        assertThat(h.exchanges).hasSize(1000);
    }

    @Test
    void theBufferedBytesLimitEvictsConnectionsHoldingOutOfOrderData() {
        Harness h = new Harness(b -> b.maxBufferedBytes(50_000).maxOutOfOrderBytes(40_000));
        TestSegment flyweight = new TestSegment();
        for (int i = 0; i < 20; i++) {
            List<Packet> packets = Conversation.between("10.1.0." + i, 40000, "10.2.0.9", 80).segmentSize(1000).handshake()
                    .client("POST /u HTTP/1.1\r\nHost: h\r\nContent-Length: 20000\r\n\r\n" + "q".repeat(20000)).packets();
            packets.remove(3); // the first data segment: everything after it waits out of order
            packets.forEach(p -> h.sink.onSegment(flyweight.load(p)));
        }
        assertThat(h.sink.bufferedBytes()).isLessThanOrEqualTo(50_000 + 20_000);
        assertThat(h.metric("connections.closed{reason=evicted_memory}")).isPositive();
    }

    @Test
    void partialHeaderSectionsCountAgainstTheMemoryLimit() {
        Harness h = new Harness(b -> b.maxBufferedBytes(100_000));
        TestSegment flyweight = new TestSegment();
        StringBuilder headers = new StringBuilder("GET /slowloris HTTP/1.1\r\nHost: h\r\n");
        for (int i = 0; i < 100; i++) {
            headers.append("X-Pad-").append(i).append(": ").append("p".repeat(100)).append("\r\n");
        }
        for (int i = 0; i < 50; i++) {
            Conversation.between("10.7.0." + i, 40000, "10.2.0.9", 80).handshake().client(headers.toString()).packets()
                    .forEach(p -> h.sink.onSegment(flyweight.load(p))); // the header section never ends
        }
        assertThat(h.sink.bufferedBytes()).isLessThanOrEqualTo(100_000 + 20_000);
        assertThat(h.metric("connections.closed{reason=evicted_memory}")).isPositive();
        assertThat(h.exchanges).isNotEmpty().allSatisfy(e -> assertThat(e.flags()).contains(ExchangeFlag.PARTIAL));
        h.sink.onClose();
        assertThat(h.sink.bufferedBytes()).isZero();
    }
}
