package io.periscope.server.cli.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.periscope.mirror.encode.Frames;
import io.periscope.mirror.source.CaptureFiles;
import io.periscope.mirror.source.CaptureReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CaptureLayoutTest {
    /** Outer Ethernet, IPv4, UDP and VXLAN headers, the inner Ethernet header, then the inner IPv4 source address. */
    private static final int INNER_SOURCE = 14 + 20 + 8 + 8 + 14 + 12;
    private static final long PAUSE_MILLIS = 400;

    @TempDir
    Path dir;

    @Test
    void connectionsComeFromTheLayoutsAddressesAndCaptureTimeRunsSlowerByItsScale() throws Exception {
        Path capture = dir.resolve("layout.pcap");
        CaptureLayout layout = new CaptureLayout(n -> Frames.ipv4Address(10, 0, 9, 1 + n), 5);
        long started = System.nanoTime();
        TrafficRecorder.record(capture, 7, new SampleApiServer(), base -> {
            get(base + "/api/v1/products/1"); // each request on a connection of its own: two connections
            Thread.sleep(PAUSE_MILLIS);
            get(base + "/api/v1/products/2");
        }, layout);
        long recordedMicros = (System.nanoTime() - started) / 1000;

        Set<String> clients = new TreeSet<>();
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        try (CaptureReader reader = CaptureFiles.open(capture)) {
            while (reader.next()) {
                int source = ByteBuffer.wrap(reader.array(), reader.offset() + INNER_SOURCE, 4).getInt();
                if (source != SampleCaptureGenerator.SERVER) {
                    clients.add((source >>> 24) + "." + (source >>> 16 & 255) + "." + (source >>> 8 & 255) + "." + (source & 255));
                }
                first = Math.min(first, reader.timestampMicros());
                last = Math.max(last, reader.timestampMicros());
            }
        }
        assertThat(clients).containsExactly("10.0.9.1", "10.0.9.2");
        assertThat(last - first).isGreaterThanOrEqualTo(5 * PAUSE_MILLIS * 1000).isLessThanOrEqualTo(5 * recordedMicros);
        assertThat(last).isLessThanOrEqualTo(System.currentTimeMillis() * 1000); // the capture ends when the recording did
    }

    @Test
    void captureTimeCannotRunFasterThanTheRecording() {
        assertThatThrownBy(() -> new CaptureLayout(n -> 0, 0.5)).isInstanceOf(IllegalArgumentException.class);
    }

    private static void get(String url) throws java.io.IOException, InterruptedException {
        HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()
                .send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.discarding());
    }
}
