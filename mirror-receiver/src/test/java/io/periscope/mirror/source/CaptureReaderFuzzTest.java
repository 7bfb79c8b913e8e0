package io.periscope.mirror.source;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.periscope.mirror.config.ReceiverConfig;
import io.periscope.segment.SegmentSink;
import io.periscope.segment.TcpSegment;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.util.zip.ZipException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Fuzzes capture files through the whole file path (format detection, pcap/pcapng parsing, decoding,
 * dedup, delivery). Regression mode over the seeds in {@code CaptureReaderFuzzTestInputs}; fuzz with
 * {@code JAZZER_FUZZ=1 mvn -pl mirror-receiver -am test -Dtest=CaptureReaderFuzzTest -Dsurefire.failIfNoSpecifiedTests=false}.
 * A broken file may only end in a {@link CaptureFormatException} (or a gzip/EOF error); it never
 * throws anything else, never loops, and every packet read is accounted for.
 */
class CaptureReaderFuzzTest {

    @FuzzTest(maxDuration = "10m")
    void anyFileIsReadOrRejectedCleanly(byte[] file) {
        long[] delivered = {0};
        SegmentSink sink = new SegmentSink() {
            @Override
            public void onSegment(TcpSegment s) {
                assertThat(s.payloadOffset() + s.payloadLength()).isLessThanOrEqualTo(s.payloadArray().length);
                delivered[0]++;
            }

            @Override
            public void onTick(long nowMicros) {
            }

            @Override
            public void onClose() {
            }
        };
        try (CaptureReader reader = CaptureFiles.open(new ByteArrayInputStream(file))) {
            IngestSummary summary = new FileIngest(ReceiverConfig.defaults()).run(reader, sink);
            assertThat(summary.packetsRead()).isEqualTo(summary.segmentsDelivered() + summary.skipped());
            assertThat(summary.segmentsDelivered()).isEqualTo(delivered[0]);
            assertThat(summary.packetsRead()).isLessThanOrEqualTo(file.length / 12 + 1); // every record costs bytes
        } catch (CaptureFormatException | EOFException | ZipException expected) {
            // a corrupt file is reported, not crashed on
        } catch (java.io.IOException e) {
            throw new AssertionError("unexpected I/O failure on an in-memory stream", e);
        }
    }
}
