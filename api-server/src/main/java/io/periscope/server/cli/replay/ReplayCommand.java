package io.periscope.server.cli.replay;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.periscope.mirror.config.ReceiverConfig;
import io.periscope.mirror.config.SessionConfig;
import io.periscope.mirror.replay.Pacer;
import io.periscope.mirror.replay.PipelineIngest;
import io.periscope.mirror.replay.Progress;
import io.periscope.mirror.replay.ReplaySummary;
import io.periscope.mirror.replay.UdpReplayer;
import io.periscope.mirror.sample.SampleCapture;
import io.periscope.segment.SegmentSinkFactory;
import io.periscope.mirror.source.CaptureFiles;
import io.periscope.mirror.source.CaptureReader;
import io.periscope.server.pipeline.PipelineLedger;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Supplier;

/**
 * {@code periscope replay FILE}: sends a pcap/pcapng capture to a receiver over UDP as AWS Traffic
 * Mirroring would ({@code --to udp://host:4789}), or, without {@code --to}, ingests it straight into
 * the pipeline embedded in this process (the launcher supplies the reassembly sinks).
 */
@Command(name = "replay", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Replays a pcap or pcapng capture (gzip or not) into Periscope.",
                "With --to, sends it over UDP as AWS Traffic Mirroring does: VXLAN packets as they are, plain packets wrapped in VXLAN.",
                "Without --to, ingests it into the pipeline embedded in this process."})
public final class ReplayCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "FILE", description = "capture file (.pcap, .pcapng, optionally .gz)")
    Path file;

    @Option(names = "--sample", description = "replay the sample capture shipped with Periscope instead of a FILE")
    boolean sample;

    @Option(names = "--to", paramLabel = "udp://HOST:PORT", description = "send over UDP to this receiver (VXLAN port, normally 4789)")
    URI to;

    @Option(names = "--geneve-port", paramLabel = "PORT", defaultValue = "6081",
            description = "port on the --to host for packets captured GENEVE-wrapped (default: ${DEFAULT-VALUE})")
    int genevePort;

    @Option(names = "--vni", paramLabel = "VNI", defaultValue = "1",
            description = "VXLAN network identifier for wrapping plain packets (default: ${DEFAULT-VALUE})")
    int vni;

    @Option(names = "--pps", paramLabel = "N", description = "send at N packets per second (instead of the capture's timing)")
    Double pps;

    @Option(names = "--speed", paramLabel = "X", defaultValue = "1",
            description = "replay the capture's timing X times faster; 0 = as fast as possible (default: ${DEFAULT-VALUE})")
    double speed;

    @Option(names = "--sockets", paramLabel = "N", defaultValue = "16",
            description = "outer UDP source ports to spread inner flows over (default: ${DEFAULT-VALUE})")
    int sockets;

    @Option(names = "--progress", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "show a progress bar when the output is a terminal (default: on)")
    boolean progress;

    private final EmbeddedPipeline embeddedPipeline;
    private final Supplier<ReceiverConfig> embeddedConfig;

    /** Without an embedded pipeline: only {@code --to} works. */
    public ReplayCommand() {
        this(null, ReceiverConfig::defaults);
    }

    /**
     * @param embeddedPipeline the pipeline to ingest into without {@code --to}; null when this launcher
     *                         has none
     * @param embeddedConfig   receiver settings for the embedded ingest (sessions, dedup, workers)
     */
    public ReplayCommand(EmbeddedPipeline embeddedPipeline, Supplier<ReceiverConfig> embeddedConfig) {
        this.embeddedPipeline = embeddedPipeline;
        this.embeddedConfig = embeddedConfig;
    }

    @Override
    public Integer call() throws IOException, InterruptedException {
        if (sample) {
            if (file != null) {
                throw new ParameterException(spec.commandLine(), "give either a capture FILE or --sample, not both");
            }
            Path dir = Files.createTempDirectory("periscope-sample");
            dir.toFile().deleteOnExit();
            file = SampleCapture.extractTo(dir);
            file.toFile().deleteOnExit();
        }
        validate();
        PrintWriter out = spec.commandLine().getOut();
        boolean bar = progress && System.console() != null;
        long total = bar ? countPackets() : 0;
        ProgressBar progressBar = bar ? new ProgressBar(System.out, total) : null;
        Progress tracker = progressBar == null ? Progress.NONE : progressBar::update;
        Pacer pacer = pps != null ? Pacer.packetsPerSecond(pps) : speed == 0 ? Pacer.unlimited() : Pacer.captureTiming(speed);
        try (CaptureReader reader = CaptureFiles.open(file)) {
            if (to != null) {
                InetSocketAddress vxlan = new InetSocketAddress(to.getHost(), to.getPort());
                InetSocketAddress geneve = new InetSocketAddress(to.getHost(), genevePort);
                try (UdpReplayer replayer = new UdpReplayer(vxlan, geneve, vni, sockets)) {
                    ReplaySummary summary = replayer.replay(reader, pacer, tracker);
                    if (progressBar != null) {
                        progressBar.finish(summary.packetsRead(), summary.bytesSent());
                    }
                    out.printf("Replayed %s to %s%n", file, to);
                    out.print(summary.describe());
                }
            } else {
                return ingest(reader, pacer, tracker, progressBar, out);
            }
        }
        out.flush();
        return 0;
    }

    /**
     * Reassembles the capture here; the pipeline waits rather than drops, so the summary's counts must
     * reconcile exactly. Exit status 1 when the pipeline failed (Kafka away) and the file was not read to
     * its end.
     */
    private int ingest(CaptureReader reader, Pacer pacer, Progress tracker, ProgressBar progressBar, PrintWriter out)
            throws IOException, InterruptedException {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        SegmentSinkFactory sinks = embeddedPipeline.start(registry);
        PipelineIngest.Result result = PipelineIngest.run(reader, pacer, embeddedConfig.get(), sinks, registry, tracker,
                () -> embeddedPipeline.failure().isPresent());
        embeddedPipeline.finish();
        if (progressBar != null) {
            progressBar.finish(result.replay().packetsRead(), result.replay().bytesSent());
        }
        List<PipelineLedger.Balance> balances = new ArrayList<>();
        balances.add(fileBalance(result));
        balances.addAll(PipelineLedger.of(registry));
        out.printf("Ingested %s into the embedded pipeline%n", file);
        out.print(result.replay().describe());
        out.print(ReconciliationTable.format(balances));
        out.flush();
        Optional<String> failure = embeddedPipeline.failure();
        if (failure.isPresent()) {
            PrintWriter err = spec.commandLine().getErr();
            err.printf("periscope replay: stopped after %,d packets%s: %s; %,d exchanges not published (see the table above)%n",
                    result.replay().packetsRead(), result.stoppedEarly() ? " (not the whole file)" : "", failure.get(),
                    notPublished(balances));
            err.flush();
            return 1;
        }
        return 0;
    }

    /** Records in the file = packets the pipeline received + the truncated last record, if any. */
    private static PipelineLedger.Balance fileBalance(PipelineIngest.Result result) {
        List<PipelineLedger.Line> parts = new ArrayList<>();
        parts.add(new PipelineLedger.Line("received by the pipeline", result.stats().received(), false));
        long truncated = result.replay().skippedByReason().getOrDefault(PipelineIngest.TRUNCATED_RECORD, 0L);
        if (truncated > 0) {
            parts.add(new PipelineLedger.Line("skipped: " + PipelineIngest.TRUNCATED_RECORD + " (file ends inside a record)", truncated, true));
        }
        String stage = result.stoppedEarly() ? "packets read (reading stopped early)" : "packets in the capture";
        return PipelineLedger.Balance.of(stage, result.replay().packetsRead(), parts);
    }

    private static long notPublished(List<PipelineLedger.Balance> balances) {
        for (PipelineLedger.Balance b : balances) {
            if (b.stage().equals(PipelineLedger.EXCHANGES)) {
                return b.total() - b.count(PipelineLedger.PUBLISHED);
            }
        }
        return 0;
    }

    private void validate() {
        if (file == null) {
            throw new ParameterException(spec.commandLine(), "give a capture FILE, or --sample");
        }
        if (!Files.isReadable(file)) {
            throw new ParameterException(spec.commandLine(), "cannot read capture file " + file);
        }
        if (to != null) {
            if (!"udp".equalsIgnoreCase(to.getScheme()) || to.getHost() == null || to.getPort() < 1) {
                throw new ParameterException(spec.commandLine(), "--to must look like udp://HOST:PORT, got " + to);
            }
        } else if (embeddedPipeline == null) {
            throw new ParameterException(spec.commandLine(), "this launcher has no embedded pipeline: give --to udp://HOST:PORT");
        }
        if (vni < 0 || vni > SessionConfig.MAX_VNI) {
            throw new ParameterException(spec.commandLine(), "--vni must be between 0 and " + SessionConfig.MAX_VNI + ", got " + vni);
        }
        if (pps != null && !(pps > 0)) {
            throw new ParameterException(spec.commandLine(), "--pps must be positive, got " + pps);
        }
        if (speed < 0 || Double.isNaN(speed)) {
            throw new ParameterException(spec.commandLine(), "--speed must be 0 (unpaced) or positive, got " + speed);
        }
        if (sockets < 1 || sockets > 1024) {
            throw new ParameterException(spec.commandLine(), "--sockets must be between 1 and 1024, got " + sockets);
        }
        if (genevePort < 1 || genevePort > 65535) {
            throw new ParameterException(spec.commandLine(), "--geneve-port must be between 1 and 65535, got " + genevePort);
        }
    }

    private long countPackets() throws IOException {
        long n = 0;
        try (CaptureReader reader = CaptureFiles.open(file)) {
            while (reader.next()) {
                n++;
            }
        }
        return n;
    }
}
