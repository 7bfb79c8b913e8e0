package io.periscope.benchmarks.format;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.periscope.benchmarks.reassembly.SegmentStream;
import io.periscope.events.http.HttpExchange;
import io.periscope.reassembly.ReassemblyConfig;
import io.periscope.reassembly.ReassemblySinkFactory;
import io.periscope.segment.SegmentSink;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Exchanges as the sensor publishes them: the benchmark segment stream through reassembly, parsing and redaction. */
final class SensorExchanges {
    private SensorExchanges() {
    }

    static List<HttpExchange> make(int count) {
        List<HttpExchange> out = new ArrayList<>();
        SegmentSink sink = new ReassemblySinkFactory(
                ReassemblyConfig.builder("benchmark-secret-0123456789".getBytes(StandardCharsets.UTF_8)).build(),
                out::add, new SimpleMeterRegistry()).createSink(0, 1);
        int perConnection = 5;
        SegmentStream stream = new SegmentStream((count + perConnection - 1) / perConnection, perConnection,
                1_700_000_000_000_000L, true);
        stream.replay(sink, new SegmentStream.Flyweight());
        if (out.size() < count) {
            throw new IllegalStateException("the stream made " + out.size() + " exchanges, not " + count);
        }
        return out.subList(0, count);
    }
}
