package io.periscope.server.cli.inspect;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.periscope.events.http.HttpExchange;
import io.periscope.mirror.config.ReceiverConfig;
import io.periscope.mirror.replay.Pacer;
import io.periscope.mirror.replay.PipelineIngest;
import io.periscope.mirror.replay.Progress;
import io.periscope.mirror.source.CaptureFiles;
import io.periscope.mirror.source.CaptureReader;
import io.periscope.reassembly.ReassemblyConfig;
import io.periscope.reassembly.ReassemblySinkFactory;
import java.io.IOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * The exchanges of a pcap or pcapng capture, recovered in this process by the pipeline's own receiver and reassembly
 * (as {@code periscope replay} does without Kafka): what {@code periscope inspect --pcap} judges. Credentials are
 * redacted as in the pipeline, with a fingerprint key made for this run only.
 */
final class CaptureExchanges {
    private CaptureExchanges() {
    }

    /** Every exchange of the capture, in the order their requests started. */
    static List<HttpExchange> read(Path capture) throws IOException, InterruptedException {
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        ConcurrentLinkedQueue<HttpExchange> exchanges = new ConcurrentLinkedQueue<>();
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        ReassemblySinkFactory sinks = new ReassemblySinkFactory(ReassemblyConfig.builder(secret).build(), exchanges::add,
                registry);
        try (CaptureReader reader = CaptureFiles.open(capture)) {
            PipelineIngest.run(reader, Pacer.unlimited(), ReceiverConfig.defaults(), sinks, registry, Progress.NONE);
        }
        List<HttpExchange> ordered = new ArrayList<>(exchanges);
        // several reassembly workers emit in their own order; the capture's order is the requests'
        ordered.sort(Comparator.comparingLong(e -> e.timings().requestStartMicros()));
        return ordered;
    }
}
