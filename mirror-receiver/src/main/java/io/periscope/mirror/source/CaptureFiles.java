package io.periscope.mirror.source;

import io.periscope.mirror.config.ReceiverConfig;
import io.periscope.segment.SegmentSink;

import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/** Opens pcap and pcapng captures (gzip-compressed or not) and ingests them deterministically. */
public final class CaptureFiles {
    private static final int BUFFER = 1 << 20;

    private CaptureFiles() {
    }

    /** Opens a capture file, detecting gzip compression and the pcap or pcapng format from its first bytes. */
    public static CaptureReader open(Path file) throws IOException {
        return open(Files.newInputStream(file));
    }

    /** Like {@link #open(Path)}; the reader closes the stream. */
    public static CaptureReader open(InputStream stream) throws IOException {
        try {
            PushbackInputStream in = new PushbackInputStream(stream, 2);
            byte[] magic = in.readNBytes(2);
            in.unread(magic);
            InputStream raw = magic.length == 2 && (magic[0] & 0xff) == 0x1f && (magic[1] & 0xff) == 0x8b
                    ? new GZIPInputStream(in, 1 << 16) : in;
            InputBuffer buffer = new InputBuffer(raw, BUFFER);
            if (!buffer.request(4)) {
                throw new CaptureFormatException("not a capture file: shorter than 4 bytes");
            }
            int first = Bytes.bigEndianInt(buffer.array(), buffer.position());
            if (first == PcapngReader.SECTION_HEADER) {
                return new PcapngReader(buffer);
            }
            if (first == PcapReader.MAGIC_MICROS || first == PcapReader.MAGIC_NANOS
                    || first == Integer.reverseBytes(PcapReader.MAGIC_MICROS) || first == Integer.reverseBytes(PcapReader.MAGIC_NANOS)) {
                return new PcapReader(buffer);
            }
            throw new CaptureFormatException(String.format("not a pcap or pcapng file: magic 0x%08x", first));
        } catch (IOException | RuntimeException e) {
            stream.close();
            throw e;
        }
    }

    /**
     * Decodes every packet of a capture with the default settings (VXLAN on UDP 4789 and 8472, GENEVE on
     * 6081, plain Ethernet/IP otherwise; duplicate suppression on) and delivers the TCP segments to
     * {@code sink} in file order, on the calling thread. Calls {@link SegmentSink#onTick} with the capture
     * clock whenever it advances by a second, and {@link SegmentSink#onClose} at the end.
     */
    public static IngestSummary ingest(Path file, SegmentSink sink) throws IOException {
        return ingest(file, sink, ReceiverConfig.defaults());
    }

    /** Like {@link #ingest(Path, SegmentSink)} with the decoder, session and dedup settings of {@code config}. */
    public static IngestSummary ingest(Path file, SegmentSink sink, ReceiverConfig config) throws IOException {
        try (CaptureReader reader = open(file)) {
            return new FileIngest(config).run(reader, sink);
        }
    }
}
