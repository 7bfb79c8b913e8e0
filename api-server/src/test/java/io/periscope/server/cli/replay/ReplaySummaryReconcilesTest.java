package io.periscope.server.cli.replay;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.periscope.mirror.config.ReceiverConfig;
import io.periscope.reassembly.ReassemblyConfig;
import io.periscope.reassembly.ReassemblySinkFactory;
import io.periscope.reassembly.publish.Backpressure;
import io.periscope.reassembly.publish.KafkaExchangePublisher;
import io.periscope.reassembly.publish.PublisherConfig;
import io.periscope.segment.SegmentSinkFactory;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The table at the end of {@code periscope replay} names every drop, stage by stage, and its arithmetic
 * reconciles: a capture with one of every flaw, reassembled into a publisher that cannot keep up (a queue
 * of one exchange, a broker that is not there, in the never-blocking mode of live capture).
 */
class ReplaySummaryReconcilesTest {
    private static final byte[] SECRET = "replay-summary-test-secret".getBytes(StandardCharsets.UTF_8);
    private static final int CONNECTIONS = 50;
    private static final int EXCHANGES_PER_CONNECTION = 10;

    @TempDir
    Path dir;

    /** Reassembly into a publisher that drops: a queue of one, nothing listening at its bootstrap address. */
    private static final class StarvedPublisher implements EmbeddedPipeline {
        private KafkaExchangePublisher publisher;

        @Override
        public SegmentSinkFactory start(MeterRegistry registry) {
            publisher = new KafkaExchangePublisher(PublisherConfig.defaults("127.0.0.1:1").toBuilder()
                    .senderThreads(1).maxQueuedExchanges(1).maxBlockMs(0).deliveryTimeoutMs(1000).build(),
                    Backpressure.DROP, registry);
            return new ReassemblySinkFactory(ReassemblyConfig.builder(SECRET).build(), publisher, registry);
        }

        @Override
        public void finish() {
            publisher.close(Duration.ofSeconds(5));
        }
    }

    @Test
    void everyDropIsNamedByStageAndReasonAndEveryStageReconciles() throws Exception {
        Path capture = FlawedCapture.write(dir.resolve("flawed.pcapng"), CONNECTIONS, EXCHANGES_PER_CONNECTION);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new ReplayCommand(new StarvedPublisher(), ReceiverConfig::defaults));
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));

        int status = cli.execute("--speed", "0", "--no-progress", capture.toString());

        String table = out.toString();
        assertThat(status).as(err.toString()).isZero();
        int exchanges = CONNECTIONS * EXCHANGES_PER_CONNECTION;
        int tcpPackets = CONNECTIONS * (6 + 2 * EXCHANGES_PER_CONNECTION) + 1; // + the duplicate
        assertThat(count(table, "packets in the capture")).isEqualTo(tcpPackets + 4);
        assertThat(count(table, "  skipped: truncated_record (file ends inside a record)")).isOne();
        assertThat(count(table, "packets received")).isEqualTo(tcpPackets + 3);
        assertThat(count(table, "  decoded as TCP segments")).isEqualTo(tcpPackets);
        assertThat(count(table, "  skipped: non_tcp")).isOne();
        assertThat(count(table, "  skipped: unsupported_link_type")).isOne();
        assertThat(count(table, "  malformed: bad_ip_header")).isOne();
        assertThat(count(table, "TCP segments decoded")).isEqualTo(tcpPackets);
        assertThat(count(table, "  duplicates suppressed (double-mirrored copies)")).isOne();
        assertThat(count(table, "  delivered to reassembly")).isEqualTo(tcpPackets - 1);
        assertThat(count(table, "HTTP messages (" + exchanges + " requests, " + exchanges + " responses)")).isEqualTo(2L * exchanges);
        assertThat(count(table, "  in paired exchanges (2 x " + exchanges + ")")).isEqualTo(2L * exchanges);
        assertThat(count(table, "exchanges emitted")).isEqualTo(exchanges);
        assertThat(count(table, "  published to Kafka")).isZero();
        assertThat(count(table, "  dropped by the publisher: queue_full")).isPositive();
        // what the queue took, the producer could not send: no broker (reason send_timeout or delivery_failed)
        long publisherDrops = Pattern.compile("(?m)^  dropped by the publisher: [a-z_]+ +([0-9,]+)  dropped$").matcher(table)
                .results().mapToLong(r -> Long.parseLong(r.group(1).replace(",", ""))).sum();
        assertThat(publisherDrops).isEqualTo(exchanges);
        assertThat(table).doesNotContain("UNEXPLAINED");
        assertThat(Pattern.compile("= reconciles").matcher(table).results().count()).isEqualTo(5);
    }

    /** The count printed on the line that starts with this label (the table's label column is 60 wide). */
    private static long count(String table, String label) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(label) + " +([0-9,]+)( +dropped)?$").matcher(table);
        assertThat(m.find()).as("a line \"%s\" in%n%s", label, table).isTrue();
        return Long.parseLong(m.group(1).replace(",", ""));
    }
}
