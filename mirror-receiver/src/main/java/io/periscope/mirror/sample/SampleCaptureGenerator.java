package io.periscope.mirror.sample;

import io.periscope.mirror.encode.Frames;
import io.periscope.mirror.source.PcapWriter;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Regenerates the shipped sample capture from real traffic: runs the sample REST API on loopback,
 * drives it with a real HTTP client through a recording relay, and writes the recorded conversations
 * as an AWS Traffic Mirroring capture (VXLAN, VNI {@value #VNI}).
 *
 * <pre>
 * mvn -q -o -pl mirror-receiver -am compile
 * java -cp mirror-receiver/target/classes io.periscope.mirror.sample.SampleCaptureGenerator \
 *     mirror-receiver/src/main/resources/io/periscope/mirror/sample/sample-api.pcap
 * </pre>
 */
public final class SampleCaptureGenerator {
    /** The VNI of the real AWS capture in the public corpus, so the sample looks like a real session. */
    public static final int VNI = 5569041;
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
        List<RecordingRelay.Connection> connections;
        try (SampleApiServer server = new SampleApiServer(); RecordingRelay relay = new RecordingRelay(server.port())) {
            new SampleTraffic(relay.port()).run();
            Thread.sleep(200); // let the pumps record the last response
            connections = relay.connections();
        }
        long epochOffset = System.currentTimeMillis() * 1000 - System.nanoTime() / 1000;
        Path parent = output.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        List<TcpConversationWriter.TimedPacket> packets = new ArrayList<>();
        TcpConversationWriter conversations = new TcpConversationWriter(packets, VNI, SERVER, TARGET);
        int host = 20;
        for (RecordingRelay.Connection c : connections.stream().sorted(Comparator.comparingLong(c -> c.openedNanos)).toList()) {
            conversations.write(c, CLIENT_SUBNET | host++, SERVER, SERVER_PORT, epochOffset);
        }
        packets.sort(Comparator.comparingLong(TcpConversationWriter.TimedPacket::timeMicros)); // stable: per-connection order holds
        try (OutputStream out = Files.newOutputStream(output);
             PcapWriter writer = new PcapWriter(out, PcapWriter.LINKTYPE_ETHERNET, 65535)) {
            for (TcpConversationWriter.TimedPacket p : packets) {
                writer.write(p.timeMicros(), p.bytes());
            }
            return (int) writer.packets();
        }
    }
}
