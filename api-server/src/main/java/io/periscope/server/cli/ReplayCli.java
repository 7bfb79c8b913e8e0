package io.periscope.server.cli;

import io.micrometer.core.instrument.MeterRegistry;
import io.periscope.reassembly.publish.Backpressure;
import io.periscope.server.cli.replay.EmbeddedPipeline;
import io.periscope.server.cli.replay.ReplayConfigSource;
import io.periscope.server.cli.replay.ReplayCommand;
import io.periscope.segment.SegmentSinkFactory;
import io.periscope.server.config.PeriscopeSettings;
import io.periscope.server.kafka.KafkaRuntime;
import io.periscope.server.receiver.ExchangePipeline;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Optional;
import picocli.CommandLine;

/**
 * {@code periscope replay}: with {@code --to udp://host:port}, sends a capture over UDP like AWS does;
 * without it, reassembles the capture in this process and publishes the exchanges to Kafka: the
 * configured cluster, or the embedded broker of a standalone Periscope running on this machine (with
 * the credentials that server created, so the command must run as the same user). The file is read
 * with backpressure end to end (reader → workers → publisher → producer, {@link Backpressure#BLOCK}), so
 * this path loses nothing; when Kafka goes away for longer than
 * {@code periscope.reassembly.kafka.delivery-timeout-ms} the command stops with that said and exit status 1.
 */
public final class ReplayCli {
    private ReplayCli() {
    }

    public static int run(String[] args, PrintStream out) {
        PeriscopeSettings settings = readSettings();
        try (KafkaIngest ingest = new KafkaIngest(settings)) {
            CommandLine command = new CommandLine(new ReplayCommand(ingest, settings::receiver));
            // Kafka unreachable, credentials unreadable or refused: one line that says so, not a stack trace
            command.setExecutionExceptionHandler((e, cmd, parsed) -> {
                if (!(e instanceof IllegalStateException)) {
                    throw e;
                }
                cmd.getErr().println("periscope replay: " + e.getMessage());
                return 1;
            });
            int status = command.execute(args);
            if (ingest.started()) {
                ingest.report(out);
            }
            return status;
        }
    }

    /** The settings the server would use, read without starting it (nor Micronaut: see ReplayConfigSource). */
    private static PeriscopeSettings readSettings() {
        return ReplayConfigSource.settings(System.getenv(), System.getProperties());
    }

    /** Reassembly publishing to Kafka, created only when the command ingests (not for --to). */
    private static final class KafkaIngest implements EmbeddedPipeline, AutoCloseable {
        /** What is still queued at the end of the file gets this long to reach Kafka. */
        private static final Duration DRAIN = Duration.ofSeconds(60);
        private final PeriscopeSettings settings;
        private volatile ExchangePipeline pipeline;

        KafkaIngest(PeriscopeSettings settings) {
            this.settings = settings;
        }

        @Override
        public SegmentSinkFactory start(MeterRegistry registry) {
            ExchangePipeline created = new ExchangePipeline(settings, KafkaRuntime.clientPropertiesOf(settings),
                    registry, Backpressure.BLOCK);
            try {
                // connected and authenticated before the first packet, so no exchange waits on that
                created.awaitReady(settings.kafka().startupTimeout());
            } catch (RuntimeException e) {
                created.close(Duration.ZERO);
                throw e;
            }
            pipeline = created;
            return pipeline.sinks();
        }

        @Override
        public Optional<String> failure() {
            ExchangePipeline p = pipeline;
            return p == null ? Optional.empty() : p.failure();
        }

        @Override
        public void finish() {
            pipeline.close(DRAIN);
        }

        boolean started() {
            return pipeline != null;
        }

        void report(PrintStream out) {
            long accepted = pipeline.accepted();
            long published = pipeline.published();
            out.printf("published     %,d exchanges to Kafka (%,d accepted, %,d not acknowledged)%n",
                    published, accepted, accepted - published);
        }

        @Override
        public void close() {
            if (pipeline != null) {
                pipeline.close(Duration.ZERO);
            }
        }
    }
}
