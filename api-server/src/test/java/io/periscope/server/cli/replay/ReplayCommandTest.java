package io.periscope.server.cli.replay;

import io.periscope.mirror.config.ReceiverConfig;
import io.periscope.mirror.sample.SampleCapture;
import io.periscope.segment.SegmentSink;
import io.periscope.segment.TcpSegment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

class ReplayCommandTest {
    @TempDir
    Path dir;

    private record Run(int exitCode, String out, String err) {
    }

    private static Run run(ReplayCommand command, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(command);
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        int code = cli.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void sendsEveryPacketOfTheSampleAsVxlanDatagramsAndPrintsASummary() throws Exception {
        Path sample = SampleCapture.extractTo(dir);
        try (DatagramSocket receiver = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
            // The command returns once it has sent everything: a datagram not already waiting here is lost.
            receiver.setSoTimeout(5000);
            int port = receiver.getLocalPort();
            Run run = run(new ReplayCommand(), "--to", "udp://127.0.0.1:" + port, "--pps", "20000", sample.toString());
            assertThat(run.exitCode()).as(run.err()).isZero();
            int datagrams = 0;
            Set<Integer> sourcePorts = new HashSet<>();
            byte[] buffer = new byte[65535];
            while (datagrams < 146) {
                DatagramPacket datagram = new DatagramPacket(buffer, buffer.length);
                try {
                    receiver.receive(datagram);
                } catch (SocketTimeoutException e) {
                    break;
                }
                assertThat(buffer[0] & 0x08).as("VXLAN I flag").isEqualTo(0x08);
                assertThat(((buffer[4] & 0xff) << 16) | ((buffer[5] & 0xff) << 8) | (buffer[6] & 0xff)).isEqualTo(5569041);
                sourcePorts.add(datagram.getPort());
                datagrams++;
            }
            assertThat(datagrams).isEqualTo(146);
            assertThat(sourcePorts).as("one outer source port per inner flow").hasSize(1);
            assertThat(run.out()).contains("packets read  146", "packets sent  146", "skipped       0", "pkt/s")
                    .doesNotContain("\r"); // no progress bar: the output is not a terminal
        }
    }

    @Test
    void withoutDestinationIngestsIntoTheEmbeddedPipeline() throws Exception {
        Path sample = SampleCapture.extractTo(dir);
        AtomicLong segments = new AtomicLong();
        AtomicLong closes = new AtomicLong();
        ReplayCommand command = new ReplayCommand(registry -> (worker, workers) -> new SegmentSink() {
            @Override
            public void onSegment(TcpSegment segment) {
                segments.incrementAndGet();
            }

            @Override
            public void onTick(long nowMicros) {
            }

            @Override
            public void onClose() {
                closes.incrementAndGet();
            }
        }, ReceiverConfig::defaults);
        Run run = run(command, "--speed", "0", sample.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(segments.get()).isEqualTo(146);
        assertThat(closes.get()).isEqualTo(ReceiverConfig.defaults().dispatch().workers());
        assertThat(run.out()).contains("embedded pipeline").containsPattern("packets received +146\\n")
                .containsPattern("  decoded as TCP segments +146\\n").containsPattern("  delivered to reassembly +146\\n")
                .doesNotContain("UNEXPLAINED");
    }

    @Test
    void badArgumentsAreRejectedWithTheOptionNamed() throws Exception {
        Path sample = SampleCapture.extractTo(dir);
        Run noPipeline = run(new ReplayCommand(), sample.toString());
        assertThat(noPipeline.exitCode()).isEqualTo(2);
        assertThat(noPipeline.err()).contains("give --to udp://HOST:PORT");
        Run badScheme = run(new ReplayCommand(), "--to", "tcp://127.0.0.1:4789", sample.toString());
        assertThat(badScheme.err()).contains("--to must look like udp://HOST:PORT");
        Run badVni = run(new ReplayCommand(), "--to", "udp://127.0.0.1:4789", "--vni", "16777216", sample.toString());
        assertThat(badVni.err()).contains("--vni must be between 0 and 16777215, got 16777216");
        Run missing = run(new ReplayCommand(), "--to", "udp://127.0.0.1:4789", dir.resolve("nope.pcap").toString());
        assertThat(missing.err()).contains("cannot read capture file");
    }
}
