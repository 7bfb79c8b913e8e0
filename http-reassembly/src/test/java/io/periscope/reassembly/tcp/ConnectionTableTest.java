package io.periscope.reassembly.tcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.periscope.segment.TcpSegment;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The table must behave exactly like the {@code LinkedHashMap} in access order it replaced. */
class ConnectionTableTest {

    @Test
    void lookUpsAdditionsAndRemovalsKeepTheContentsAndAccessOrderOfALinkedHashMap() {
        Random random = new Random(12);
        ConnectionTable table = new ConnectionTable();
        LinkedHashMap<FlowKey, TcpConnection> model = new LinkedHashMap<>(16, 0.75f, true);
        List<FlowKey> keys = new ArrayList<>();
        for (int i = 0; i < 6_000; i++) {
            keys.add(key(random.nextInt(64), random.nextInt(65_536)));
        }
        for (int step = 0; step < 200_000; step++) {
            FlowKey k = keys.get(random.nextInt(keys.size()));
            int op = random.nextInt(10);
            if (op < 6) {
                TcpConnection expected = model.get(k);
                TcpConnection actual = table.get(k);
                assertSame(expected, actual);
                if (actual == null) {
                    TcpConnection c = new TcpConnection(k, step, step);
                    model.put(k, c);
                    table.add(c);
                }
            } else if (op < 9) {
                TcpConnection c = model.remove(k);
                if (c != null) {
                    assertEquals(true, table.remove(c));
                    assertEquals(false, table.remove(c));
                }
            } else if (!model.isEmpty()) {
                TcpConnection eldest = model.values().iterator().next();
                assertSame(eldest, table.eldest());
                model.remove(eldest.key());
                table.remove(eldest);
            }
            if (step % 10_000 == 0) {
                assertSameOrder(model, table);
            }
        }
        assertSameOrder(model, table);
        while (table.eldest() != null) {
            table.remove(table.eldest());
        }
        assertEquals(0, table.size());
    }

    @Test
    void aConnectionIsRemovedOnlyByItselfNotByAnotherWithAnEqualKey() {
        ConnectionTable table = new ConnectionTable();
        FlowKey k = key(1, 80);
        TcpConnection old = new TcpConnection(k, 0, 0);
        table.add(old);
        table.remove(old);
        TcpConnection replacement = new TcpConnection(key(1, 80), 1, 1);
        table.add(replacement);
        assertEquals(false, table.remove(old));
        assertSame(replacement, table.get(k));
        assertNull(table.get(key(2, 80)));
    }

    private static void assertSameOrder(LinkedHashMap<FlowKey, TcpConnection> model, ConnectionTable table) {
        assertEquals(model.size(), table.size());
        TcpConnection c = table.eldest();
        for (TcpConnection expected : model.values()) {
            assertSame(expected, c);
            c = c.newer;
        }
        assertNull(c);
    }

    private static FlowKey key(int host, int port) {
        FlowKey probe = new FlowKey();
        probe.load(new Segment(0xFFFF_0A00_0000L | host, port));
        return probe.copy();
    }

    /** A client segment to 10.0.0.1:443: only the fields a key reads. */
    private record Segment(long clientLo, int clientPort) implements TcpSegment {
        @Override public long timestampMicros() { return 0; }
        @Override public String session() { return "s"; }
        @Override public int vni() { return 1; }
        @Override public boolean ipv6() { return false; }
        @Override public long srcAddrHi() { return 0; }
        @Override public long srcAddrLo() { return clientLo; }
        @Override public long dstAddrHi() { return 0; }
        @Override public long dstAddrLo() { return 0xFFFF_0A00_0001L; }
        @Override public int srcPort() { return clientPort; }
        @Override public int dstPort() { return 443; }
        @Override public int seq() { return 0; }
        @Override public int ack() { return 0; }
        @Override public int flags() { return 0; }
        @Override public int window() { return 0; }
        @Override public byte[] payloadArray() { return new byte[0]; }
        @Override public int payloadOffset() { return 0; }
        @Override public int payloadLength() { return 0; }
        @Override public int wireLength() { return 0; }
        @Override public int flowHash() { return 0; }
    }
}
