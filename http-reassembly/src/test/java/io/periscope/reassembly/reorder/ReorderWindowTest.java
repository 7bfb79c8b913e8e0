package io.periscope.reassembly.reorder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.periscope.events.http.ExchangeFlag;
import io.periscope.events.http.HttpExchange;
import io.periscope.reassembly.ReassemblyConfig;
import io.periscope.reassembly.support.Conversation;
import io.periscope.reassembly.support.Harness;
import io.periscope.reassembly.support.Packet;
import io.periscope.reassembly.support.TestSegment;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The reorder window of TCP reassembly: bytes the peer acknowledged but the capture has not shown yet are
 * awaited for a bounded number of the worker's segments and capture time, both of which must pass;
 * segments acknowledging them wait with them; only then is a gap declared, of the acknowledged size.
 */
class ReorderWindowTest {
    private static final String BODY = "0123456789".repeat(6);
    private static final String POST = "POST /orders HTTP/1.1\r\nHost: shop\r\nContent-Length: " + BODY.length() + "\r\n\r\n" + BODY;
    private static final String CREATED = "HTTP/1.1 201 Created\r\nContent-Length: 9\r\n\r\n{\"id\":7}\n";
    private static final String GET = "GET /orders/7 HTTP/1.1\r\nHost: shop\r\n\r\n";
    private static final String OK = "HTTP/1.1 200 OK\r\nContent-Length: 9\r\n\r\n{\"id\":7}\n";

    private static Conversation conversation(String clientAddress) {
        return Conversation.between(clientAddress, 40000, "10.2.0.9", 80).segmentSize(20).handshake()
                .client(POST).server(CREATED).client(GET).server(OK);
    }

    private static List<Integer> data(List<Packet> packets, boolean fromClient) {
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < packets.size(); i++) {
            if (packets.get(i).isData() && packets.get(i).fromClient() == fromClient) {
                out.add(i);
            }
        }
        return out;
    }

    private static void feed(Harness h, List<Packet> packets) {
        TestSegment flyweight = new TestSegment();
        packets.forEach(p -> h.sink.onSegment(flyweight.load(p)));
    }

    private static String body(HttpExchange e) {
        return new String(e.request().body().content(), StandardCharsets.ISO_8859_1);
    }

    @Test
    void aResponseOvertakingTheEndOfItsRequestWaitsForItAndIsPairedWithIt() {
        List<Packet> packets = conversation("10.1.0.5").close().packets();
        int lastOfPost = data(packets, true).get(data(packets, true).size() - 3); // GET is 2 segments
        int firstOfCreated = data(packets, false).get(0);
        packets.add(firstOfCreated + 1, packets.remove(lastOfPost)); // the request's last bytes come after the answer starts
        Harness h = new Harness();
        h.run(packets);
        assertThat(h.exchanges).extracting(e -> e.request().path(), e -> e.response().status())
                .containsExactly(org.assertj.core.groups.Tuple.tuple("/orders", 201), org.assertj.core.groups.Tuple.tuple("/orders/7", 200));
        assertThat(body(h.exchanges.get(0))).isEqualTo(BODY);
        assertThat(h.exchanges).allSatisfy(e -> assertThat(e.flags()).isEmpty());
        assertThat(h.metric("reorder.waits{outcome=filled}")).isEqualTo(1);
        assertThat(h.metric("reorder.held.segments")).isPositive();
        assertThat(h.metric("bytes.gap{reason=acknowledged}") + h.metric("bytes.gap{reason=lost}")).isZero();
    }

    @Test
    void whenTheWindowPassesTheAcknowledgedBytesAreAGapOfExactlyTheirSizeAndALateCopyIsCountedAsLate() {
        Harness h = new Harness(b -> b.reorderWindowSegments(3).reorderWindow(Duration.ofNanos(250_000)));
        List<Packet> packets = conversation("10.1.0.5").close().packets();
        Packet lost = packets.remove((int) data(packets, true).get(3)); // 20 bytes of the POST body
        feed(h, packets);
        assertThat(h.metric("bytes.gap{reason=acknowledged}")).isEqualTo(20);
        assertThat(h.metric("reorder.waits{outcome=expired}")).isEqualTo(1);
        assertThat(h.exchanges).hasSize(2);
        assertThat(h.exchanges.get(0).flags()).contains(ExchangeFlag.GAP);
        assertThat(h.exchanges.get(0).response().status()).isEqualTo(201);
        assertThat(h.exchanges.get(1).flags()).isEmpty();

        h.sink.onSegment(new TestSegment().load(lost));
        assertThat(h.metric("segments.dropped{reason=late}")).isEqualTo(1);
        assertThat(h.metric("connections.opened")).isEqualTo(1);
    }

    @Test
    void theSegmentsOfTheWindowAreTheWorkersSoTheTickEndsTheWaitOfASilentConnection() {
        Harness h = new Harness(b -> b.reorderWindowSegments(4).reorderWindow(Duration.ofMillis(50)));
        List<Packet> packets = Conversation.between("10.1.0.5", 40000, "10.2.0.9", 80).segmentSize(20).handshake()
                .client(POST).server(CREATED).packets();
        packets.remove((int) data(packets, true).get(3));
        feed(h, packets);
        long last = packets.get(packets.size() - 1).micros();
        h.sink.onTick(last + 60_000);
        assertThat(h.exchanges).as("the worker saw too few segments since: a reordered packet may still come").isEmpty();

        feed(h, Conversation.between("10.1.0.6", 40000, "10.2.0.9", 80).startingAt(last + 61_000).handshake()
                .client(GET).packets()); // another connection of the same worker
        assertThat(h.exchanges).as("nothing of the waiting connection came, so only the tick can end its wait").isEmpty();
        h.sink.onTick(last + 62_000);
        assertThat(h.exchanges).hasSize(1);
        assertThat(h.exchanges.get(0).flags()).contains(ExchangeFlag.GAP);
        assertThat(h.exchanges.get(0).response().status()).isEqualTo(201);
        assertThat(h.metric("bytes.gap{reason=acknowledged}")).isEqualTo(20);
    }

    @Test
    void everySegmentTwiceSynAndFinIncludedChangesNothing() {
        List<Packet> clean = conversation("10.1.0.5").close().packets();
        List<Packet> doubled = new ArrayList<>();
        clean.forEach(p -> {
            doubled.add(p);
            doubled.add(p);
        });
        Harness once = new Harness();
        once.run(clean);
        Harness twice = new Harness();
        twice.run(doubled);
        assertThat(twice.exchanges).extracting(CapturedExchanges::canonical)
                .containsExactlyElementsOf(once.exchanges.stream().map(CapturedExchanges::canonical).toList());
        assertThat(twice.metric("segments.dropped{reason=retransmission}")).isEqualTo(data(clean, true).size() + data(clean, false).size());
        assertThat(twice.metric("bytes.gap{reason=acknowledged}") + twice.metric("bytes.gap{reason=lost}")).isZero();
        assertThat(twice.metric("connections.opened")).isEqualTo(1);
        assertThat(twice.metric("connections.closed{reason=fin}")).isEqualTo(1);
    }

    @Test
    void aFinOvertakingTheLastDataAndACopyOfTheDataAfterTheCloseChangeNothing() {
        List<Packet> packets = conversation("10.1.0.5").close().packets();
        int lastData = data(packets, false).get(data(packets, false).size() - 1);
        Packet last = packets.get(lastData);
        packets.add(packets.size() - 1, packets.remove(lastData)); // behind both FINs
        packets.add(last); // and once more after the close
        Harness h = new Harness();
        h.run(packets);
        assertThat(h.exchanges).hasSize(2).allSatisfy(e -> assertThat(e.flags()).isEmpty());
        assertThat(h.exchanges.get(1).response().status()).isEqualTo(200);
        assertThat(h.metric("bytes.gap{reason=acknowledged}") + h.metric("bytes.gap{reason=lost}")).isZero();
        assertThat(h.metric("connections.opened")).isEqualTo(1);
        assertThat(h.metric("segments.dropped{reason=retransmission}")).isEqualTo(1);
    }

    @Test
    void aClosedConnectionLingersForTheWindowThenATickForgetsIt() {
        Harness h = new Harness(b -> b.reorderWindowSegments(4).reorderWindow(Duration.ofMillis(50)));
        List<Packet> packets = conversation("10.1.0.5").close().packets();
        Packet data = packets.get(data(packets, false).get(0));
        feed(h, packets);
        assertThat(h.exchanges).hasSize(2);
        assertThat(h.sink.connections()).as("lingering connections are not tracked ones").isZero();
        long last = packets.get(packets.size() - 1).micros();

        feed(h, List.of(data.withMicros(last + 1_000)));
        h.sink.onTick(last + 60_000);
        assertThat(h.metric("segments.dropped{reason=retransmission}")).as("a late copy within the window").isEqualTo(1);

        feed(h, Conversation.between("10.1.0.6", 40000, "10.2.0.9", 80).startingAt(last + 61_000).handshake()
                .client(GET).packets()); // the worker's segments pass too
        h.sink.onTick(last + 120_000);
        feed(h, List.of(data.withMicros(last + 121_000)));
        assertThat(h.metric("connections.opened")).as("forgotten: a copy now starts a connection mid-stream").isEqualTo(3);
    }

    @Test
    void aZeroWindowGivesUpAcknowledgedBytesAtOnceAsBeforeTheWindowExisted() {
        List<Packet> packets = conversation("10.1.0.5").close().packets();
        int lastOfPost = data(packets, true).get(data(packets, true).size() - 3);
        packets.add(data(packets, false).get(0) + 1, packets.remove(lastOfPost));
        Harness h = new Harness(b -> b.reorderWindowSegments(0).reorderWindow(Duration.ZERO));
        h.run(packets);
        assertThat(h.metric("bytes.gap{reason=acknowledged}")).isPositive();
        assertThat(h.metric("segments.dropped{reason=late}")).isEqualTo(1);
    }

    @Test
    void aNegativeWindowIsRejectedNamingItsKey() {
        assertThatThrownBy(() -> ReassemblyConfig.builder(Harness.SECRET).reorderWindowSegments(-1).build())
                .hasMessageStartingWith("periscope.reassembly.reorder-window-segments");
        assertThatThrownBy(() -> ReassemblyConfig.builder(Harness.SECRET).reorderWindow(Duration.ofSeconds(200)).build())
                .hasMessageStartingWith("periscope.reassembly.reorder-window");
    }
}
