package io.periscope.server.cli.sample;

import io.periscope.mirror.encode.Frames;
import io.periscope.mirror.sample.SampleCapture;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Regenerates the shipped sample capture from real traffic: runs the sample REST API on loopback and
 * drives it with a real HTTP client, recorded by {@link TrafficRecorder} as an AWS Traffic Mirroring
 * capture (VXLAN, VNI {@value #VNI}).
 *
 * <pre>
 * mvn -q -o -pl api-server -am compile
 * java -cp api-server/target/classes:mirror-receiver/target/classes:segment-api/target/classes \
 *     io.periscope.server.cli.sample.SampleCaptureGenerator \
 *     mirror-receiver/src/main/resources/io/periscope/mirror/sample/sample-api.pcap
 * </pre>
 */
public final class SampleCaptureGenerator {
    public static final int VNI = SampleCapture.VNI;
    static final int CLIENT_SUBNET = Frames.ipv4Address(10, 0, 1, 0);
    static final int SERVER = Frames.ipv4Address(10, 0, 2, 15);
    static final int SERVER_PORT = 8080;
    /** The mirror target (Periscope's ENI); the outer source is the mirrored server ENI. */
    static final int TARGET = Frames.ipv4Address(10, 0, 3, 100);

    private SampleCaptureGenerator() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            System.err.println("usage: SampleCaptureGenerator OUTPUT.pcap");
            System.exit(2);
        }
        Path output = Path.of(args[0]);
        int packets = generate(output);
        System.out.printf("wrote %s: %d packets, %d bytes%n", output, packets, Files.size(output));
    }

    /** Writes the capture and returns how many packets it holds. */
    public static int generate(Path output) throws IOException, InterruptedException {
        return TrafficRecorder.record(output, VNI, new SampleApiServer(), baseUrl -> new SampleTraffic(baseUrl).run());
    }
}
