package io.periscope.reassembly;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.periscope.segment.TcpSegment;
import io.periscope.reassembly.support.Endpoint;
import io.periscope.reassembly.support.Harness;
import io.periscope.reassembly.support.Packet;
import io.periscope.reassembly.support.TestSegment;
import java.time.Duration;

/**
 * Fuzzes the HTTP parser through the whole sink: arbitrary bytes cut into segments of either
 * direction with arbitrary sequence jumps, flags and truncation. Nothing may throw, and after the
 * sink closes no connection or buffered byte may remain, and messages must reconcile with exchanges.
 *
 * <p>Without {@code JAZZER_FUZZ=1} this runs the seed inputs in {@code HttpParserFuzzTestInputs} (the
 * default test run); with it, it fuzzes for {@code maxDuration}.
 */
class HttpParserFuzzTest {
    private static final Endpoint CLIENT = Endpoint.of("10.0.0.1", 40000);
    private static final Endpoint SERVER = Endpoint.of("10.0.0.2", 80);

    @FuzzTest(maxDuration = "30s")
    void aParsedStreamNeverBreaksTheSink(FuzzedDataProvider data) {
        Harness h = new Harness(b -> b.maxLineLength(256).maxHeaderCount(8).maxHeaderBytes(1024).maxBodyBytes(512)
                .maxOutOfOrderBytes(2048).maxConnections(4).idleTimeout(Duration.ofSeconds(5)));
        TestSegment flyweight = new TestSegment();
        int[] seq = {1000, 5000};
        long micros = 1_000_000;
        boolean handshake = data.consumeBoolean();
        if (handshake) {
            h.sink.onSegment(flyweight.load(packet(micros, true, seq[0] - 1, 0, TcpSegment.SYN, new byte[0], 0)));
            h.sink.onSegment(flyweight.load(packet(micros, false, seq[1] - 1, seq[0], TcpSegment.SYN | TcpSegment.ACK, new byte[0], 0)));
        }
        while (data.remainingBytes() > 0) {
            boolean fromClient = data.consumeBoolean();
            int d = fromClient ? 0 : 1;
            int jump = data.consumeInt(-40, 40);
            int flags = TcpSegment.ACK | (data.consumeInt(0, 20) == 0 ? TcpSegment.FIN : 0) | (data.consumeInt(0, 60) == 0 ? TcpSegment.RST : 0);
            byte[] payload = data.consumeBytes(data.consumeInt(0, 200));
            int extra = data.consumeInt(0, 3) == 0 ? data.consumeInt(0, 50) : 0;
            micros += data.consumeInt(0, 3_000_000);
            int s = seq[d] + (jump > 30 || jump < -30 ? jump : 0);
            h.sink.onSegment(flyweight.load(packet(micros, fromClient, s, seq[1 - d], flags, payload, payload.length + extra)));
            seq[d] = s + payload.length + extra;
            if (data.consumeInt(0, 10) == 0) {
                h.sink.onTick(micros);
            }
        }
        h.sink.onClose();
        assertThat(h.sink.connections()).isZero();
        assertThat(h.sink.bufferedBytes()).isZero();
        double messages = h.metric("messages{type=request}") + h.metric("messages{type=response}");
        double fromExchanges = 2 * h.metric("exchanges{pairing=paired}") + h.metric("exchanges{pairing=unpaired_request}")
                + h.metric("exchanges{pairing=unpaired_response}");
        assertThat(fromExchanges).isEqualTo(messages);
    }

    private static Packet packet(long micros, boolean fromClient, int seq, int ack, int flags, byte[] payload, int wire) {
        return new Packet(micros, "fuzz", 1, fromClient ? CLIENT : SERVER, fromClient ? SERVER : CLIENT, fromClient,
                seq, ack, flags, payload, wire);
    }
}
