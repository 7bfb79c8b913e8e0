package io.periscope.mirror.source;

import io.periscope.mirror.decode.LinkType;
import io.periscope.mirror.encode.Frames;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CaptureReaderTest {
    @TempDir
    Path dir;

    private static byte[] packet(int n) {
        return Frames.ethernet(1, 2, Frames.ETHERTYPE_IPV4, Frames.ipv4(n, n + 1, Frames.PROTO_TCP, n,
                Frames.tcp(1000 + n, 80, n, 0, 0x02, 1, new byte[0], new byte[n])));
    }

    private static byte[] pcap(ByteOrder order, int magic, long[] fractions) {
        ByteBuffer b = ByteBuffer.allocate(24 + fractions.length * (16 + 200)).order(order);
        b.putInt(magic).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0).putInt(65535).putInt(1);
        for (int i = 0; i < fractions.length; i++) {
            byte[] p = packet(i);
            b.putInt(1_700_000_000 + i).putInt((int) fractions[i]).putInt(p.length).putInt(p.length).put(p);
        }
        return Arrays.copyOf(b.array(), b.position());
    }

    @Test
    void pcapWriterOutputReadsBackPacketForPacket() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (PcapWriter writer = new PcapWriter(bytes, PcapWriter.LINKTYPE_ETHERNET, 65535)) {
            for (int i = 0; i < 1000; i++) {
                writer.write(1_700_000_000_000_000L + i * 1000L, packet(i % 50));
            }
        }
        try (CaptureReader reader = CaptureFiles.open(new ByteArrayInputStream(bytes.toByteArray()))) {
            for (int i = 0; i < 1000; i++) {
                assertThat(reader.next()).isTrue();
                byte[] expected = packet(i % 50);
                assertThat(Arrays.copyOfRange(reader.array(), reader.offset(), reader.offset() + reader.capturedLength())).isEqualTo(expected);
                assertThat(reader.timestampMicros()).isEqualTo(1_700_000_000_000_000L + i * 1000L);
                assertThat(reader.linkType()).isEqualTo(LinkType.ETHERNET);
            }
            assertThat(reader.next()).isFalse();
            assertThat(reader.endedInsideRecord()).isFalse();
        }
    }

    @Test
    void bigEndianAndNanosecondVariantsGiveMicrosecondTimestamps() throws IOException {
        long[] nanos = {123_456_789, 999_999_999};
        for (ByteOrder order : new ByteOrder[] {ByteOrder.BIG_ENDIAN, ByteOrder.LITTLE_ENDIAN}) {
            try (CaptureReader reader = CaptureFiles.open(new ByteArrayInputStream(pcap(order, PcapReader.MAGIC_NANOS, nanos)))) {
                assertThat(reader.next()).isTrue();
                assertThat(reader.timestampMicros()).isEqualTo(1_700_000_000_123_456L);
                assertThat(reader.next()).isTrue();
                assertThat(reader.timestampMicros()).isEqualTo(1_700_000_001_999_999L);
                assertThat(reader.capturedLength()).isEqualTo(packet(1).length);
            }
            try (CaptureReader reader = CaptureFiles.open(new ByteArrayInputStream(pcap(order, PcapReader.MAGIC_MICROS, new long[] {42})))) {
                assertThat(reader.next()).isTrue();
                assertThat(reader.timestampMicros()).isEqualTo(1_700_000_000_000_042L);
            }
        }
    }

    @Test
    void gzipCompressedCaptureIsReadTransparently() throws IOException {
        Path file = dir.resolve("c.pcap.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
            out.write(pcap(ByteOrder.LITTLE_ENDIAN, PcapReader.MAGIC_MICROS, new long[] {1, 2, 3}));
        }
        int count = 0;
        try (CaptureReader reader = CaptureFiles.open(file)) {
            while (reader.next()) {
                count++;
            }
        }
        assertThat(count).isEqualTo(3);
    }

    @Test
    void captureCutInsideARecordEndsCleanlyAndSaysSo() throws IOException {
        byte[] whole = pcap(ByteOrder.LITTLE_ENDIAN, PcapReader.MAGIC_MICROS, new long[] {1, 2});
        byte[] cut = Arrays.copyOf(whole, whole.length - 5);
        try (CaptureReader reader = CaptureFiles.open(new ByteArrayInputStream(cut))) {
            assertThat(reader.next()).isTrue();
            assertThat(reader.next()).isFalse();
            assertThat(reader.endedInsideRecord()).isTrue();
        }
    }

    @Test
    void absurdRecordLengthIsAFormatErrorNotAnAllocation() throws IOException {
        byte[] bytes = pcap(ByteOrder.LITTLE_ENDIAN, PcapReader.MAGIC_MICROS, new long[] {1});
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putInt(24 + 8, 0x7FFF_FFFF);
        try (CaptureReader reader = CaptureFiles.open(new ByteArrayInputStream(bytes))) {
            assertThatThrownBy(reader::next).isInstanceOf(CaptureFormatException.class).hasMessageContaining("captured bytes");
        }
    }

    @Test
    void unknownMagicIsRejected() {
        assertThatThrownBy(() -> CaptureFiles.open(new ByteArrayInputStream("hello world".getBytes())))
                .isInstanceOf(CaptureFormatException.class).hasMessageContaining("not a pcap");
    }

    /** pcapng blocks built by hand: one section, two interfaces with different link types and resolutions. */
    @Test
    void pcapngWithTwoInterfacesKeepsEachInterfacesLinkTypeAndResolution() throws IOException {
        for (ByteOrder order : new ByteOrder[] {ByteOrder.LITTLE_ENDIAN, ByteOrder.BIG_ENDIAN}) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.write(block(order, 0x0A0D0D0A, b -> b.putInt(0x1A2B3C4D).putShort((short) 1).putShort((short) 0).putLong(-1)));
            out.write(block(order, 1, b -> b.putShort((short) 1).putShort((short) 0).putInt(0)
                    .putShort((short) 9).putShort((short) 1).put((byte) 9).put(new byte[3]).putInt(0))); // nanoseconds
            byte[] ip = Frames.ipv4(1, 2, Frames.PROTO_TCP, 1, Frames.tcp(1, 2, 3, 4, 0x10, 5, new byte[0], new byte[0]));
            out.write(block(order, 1, b -> b.putShort((short) 101).putShort((short) 0).putInt(0))); // raw IP, microseconds
            out.write(block(order, 0x00000BAD, b -> b.putInt(7))); // custom block: skipped
            byte[] eth = packet(3);
            long nanos = 1_700_000_000_123_456_789L;
            out.write(block(order, 6, b -> epb(b, 0, nanos, eth)));
            out.write(block(order, 6, b -> epb(b, 1, 1_700_000_001_000_001L, ip)));
            out.write(block(order, 3, b -> b.putInt(eth.length).put(eth).put(new byte[(4 - eth.length % 4) % 4])));
            try (CaptureReader reader = CaptureFiles.open(new ByteArrayInputStream(out.toByteArray()))) {
                assertThat(reader.next()).isTrue();
                assertThat(reader.linkType()).isEqualTo(LinkType.ETHERNET);
                assertThat(reader.timestampMicros()).isEqualTo(1_700_000_000_123_456L);
                assertThat(Arrays.copyOfRange(reader.array(), reader.offset(), reader.offset() + reader.capturedLength())).isEqualTo(eth);
                assertThat(reader.next()).isTrue();
                assertThat(reader.linkType()).isEqualTo(LinkType.RAW_IP);
                assertThat(reader.timestampMicros()).isEqualTo(1_700_000_001_000_001L);
                assertThat(reader.capturedLength()).isEqualTo(ip.length);
                assertThat(reader.next()).isTrue();
                assertThat(reader.linkType()).isEqualTo(LinkType.ETHERNET);
                assertThat(reader.capturedLength()).isEqualTo(eth.length);
                assertThat(reader.next()).isFalse();
            }
        }
    }

    private static void epb(ByteBuffer b, int iface, long ticks, byte[] data) {
        b.putInt(iface).putInt((int) (ticks >>> 32)).putInt((int) ticks).putInt(data.length).putInt(data.length).put(data)
                .put(new byte[(4 - data.length % 4) % 4]);
    }

    private interface Body {
        void write(ByteBuffer b);
    }

    private static byte[] block(ByteOrder order, int type, Body body) {
        ByteBuffer content = ByteBuffer.allocate(4096).order(order);
        body.write(content);
        int length = 12 + content.position();
        ByteBuffer b = ByteBuffer.allocate(length).order(order);
        b.putInt(type).putInt(length).put(content.array(), 0, content.position()).putInt(length);
        return b.array();
    }

    @Test
    void pcapngTimestampResolutionsConvertToMicroseconds() {
        assertThat(PcapngReader.toMicros(1_500_000_000L, 1_000_000_000L)).isEqualTo(1_500_000L);
        assertThat(PcapngReader.toMicros(15, 10)).isEqualTo(1_500_000L);
        assertThat(PcapngReader.toMicros(3L << 20, 1L << 20)).isEqualTo(3_000_000L);
        assertThat(PcapngReader.toMicros(1_234_567_000_000_000_000L, 1_000_000_000_000L)).isEqualTo(1_234_567_000_000L);
    }
}
