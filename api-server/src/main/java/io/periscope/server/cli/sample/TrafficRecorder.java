package io.periscope.server.cli.sample;

import io.periscope.mirror.source.PcapWriter;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.LongUnaryOperator;

/**
 * Records real traffic as AWS Traffic Mirroring would deliver it: a client script drives an API on
 * loopback through a recording relay, and the recorded conversations are written as a VXLAN capture
 * (clients in 10.0.1.0/24, the server at 10.0.2.15:8080, mirrored to 10.0.3.100).
 */
public final class TrafficRecorder {
    private TrafficRecorder() {
    }

    /**
     * Runs {@code client} against {@code api} (closed afterwards) and writes the capture with VXLAN
     * network identifier {@code vni} to {@code output}.
     *
     * @return how many packets the capture holds
     */
    public static int record(Path output, int vni, LoopbackApi api, ClientScript client) throws IOException, InterruptedException {
        return record(output, vni, api, client, CaptureLayout.SAMPLE);
    }

    /**
     * As {@link #record(Path, int, LoopbackApi, ClientScript)}, with the client addresses and the time scale of
     * {@code layout}. Capture time ends at the wall-clock time the recording ended.
     */
    public static int record(Path output, int vni, LoopbackApi api, ClientScript client, CaptureLayout layout)
            throws IOException, InterruptedException {
        List<RecordingRelay.Connection> connections;
        try (api; RecordingRelay relay = new RecordingRelay(api.port())) {
            client.run("http://127.0.0.1:" + relay.port());
            Thread.sleep(200); // let the pumps record the last response
            connections = relay.connections();
        }
        long nowMicros = System.currentTimeMillis() * 1000;
        long nowNanos = System.nanoTime();
        List<RecordingRelay.Connection> ordered = connections.stream()
                .sorted(Comparator.comparingLong(c -> c.openedNanos)).toList();
        long firstNanos = ordered.isEmpty() ? nowNanos : ordered.get(0).openedNanos;
        double scale = layout.timeScale();
        // the capture ends now, however far back the scale stretches its start
        long firstMicros = nowMicros - Math.round((nowNanos - firstNanos) / 1000.0 * scale);
        LongUnaryOperator captureMicros = nanos -> firstMicros + Math.round((nanos - firstNanos) / 1000.0 * scale);
        Path parent = output.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        List<TcpConversationWriter.TimedPacket> packets = new ArrayList<>();
        TcpConversationWriter conversations = new TcpConversationWriter(packets, vni, SampleCaptureGenerator.SERVER,
                SampleCaptureGenerator.TARGET);
        for (int n = 0; n < ordered.size(); n++) {
            conversations.write(ordered.get(n), layout.clientAddress().applyAsInt(n), SampleCaptureGenerator.SERVER,
                    SampleCaptureGenerator.SERVER_PORT, captureMicros);
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
