package io.periscope.benchmarks.receiver;

import io.periscope.mirror.encode.Frames;
import io.periscope.segment.SegmentSink;
import io.periscope.segment.TcpSegment;
import io.periscope.mirror.source.CaptureFiles;
import io.periscope.mirror.source.CaptureReader;
import io.periscope.mirror.source.IngestSummary;
import io.periscope.mirror.source.PcapWriter;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * pcap file reading: a 200 000-packet AWS-style capture (VXLAN, mixed sizes, ~150 MB) read from the
 * page cache. Score = packets per second. Target: 1 M/s.
 *
 * <pre>java -jar benchmarks/target/benchmarks.jar PcapReadBenchmark -f 1 -wi 2 -w 2s -i 3 -r 3s</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
public class PcapReadBenchmark {
    private static final int PACKETS = 200_000;

    private Path file;

    @Setup(Level.Trial)
    public void writeCapture() throws IOException {
        file = Files.createTempFile("periscope-bench", ".pcap");
        byte[][] frames = BenchmarkPackets.innerFrames(1024);
        try (OutputStream out = Files.newOutputStream(file); PcapWriter writer = new PcapWriter(out, PcapWriter.LINKTYPE_ETHERNET, 65535)) {
            for (int i = 0; i < PACKETS; i++) {
                writer.write(1_700_000_000_000_000L + i * 10L,
                        Frames.mirrored(Frames.ipv4Address(10, 0, 2, 15), Frames.ipv4Address(10, 0, 3, 100), 50000 + i % 64, 5569041, frames[i & 1023]));
            }
        }
    }

    @TearDown(Level.Trial)
    public void deleteCapture() throws IOException {
        Files.deleteIfExists(file);
    }

    /** Streaming read only: record headers parsed in place, no decode. */
    @Benchmark
    @OperationsPerInvocation(PACKETS)
    public long read() throws IOException {
        long bytes = 0;
        try (CaptureReader reader = CaptureFiles.open(file)) {
            while (reader.next()) {
                bytes += reader.capturedLength();
            }
        }
        return bytes;
    }

    /** The full deterministic ingest: read, decode, deduplicate, deliver to a sink. */
    @Benchmark
    @OperationsPerInvocation(PACKETS)
    public IngestSummary ingest(Blackhole blackhole) throws IOException {
        return CaptureFiles.ingest(file, new SegmentSink() {
            @Override
            public void onSegment(TcpSegment segment) {
                blackhole.consume(segment.seq());
            }

            @Override
            public void onTick(long nowMicros) {
            }

            @Override
            public void onClose() {
            }
        });
    }
}
