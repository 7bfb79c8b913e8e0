package io.periscope.mirror.synthetic;

import io.periscope.mirror.source.PcapWriter;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

/** Writes generated traffic to a classic pcap file (gzip-compressed when the name ends in {@code .gz}). */
public final class SyntheticCapture {
    private static final int SNAP_LENGTH = 65_535;

    private SyntheticCapture() {
    }

    public static Totals write(TrafficSpec spec, Path file) throws IOException {
        try (OutputStream raw = Files.newOutputStream(file);
             OutputStream out = file.toString().endsWith(".gz") ? new GZIPOutputStream(raw, 1 << 16) : raw;
             PcapWriter pcap = new PcapWriter(out, PcapWriter.LINKTYPE_ETHERNET, SNAP_LENGTH)) {
            return new SyntheticTraffic(spec).generate(pcap::write);
        }
    }
}
