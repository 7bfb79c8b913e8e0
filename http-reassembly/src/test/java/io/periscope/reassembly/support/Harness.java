package io.periscope.reassembly.support;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.periscope.events.http.HttpExchange;
import io.periscope.reassembly.ReassemblyConfig;
import io.periscope.reassembly.ReassemblyMetrics;
import io.periscope.reassembly.ReassemblySink;
import io.periscope.reassembly.ReassemblySinkFactory;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Consumer;

/** A reassembly sink wired to a list, with real counters. */
public final class Harness {
    public static final byte[] SECRET = "test-secret-0123456789abcdef".getBytes(StandardCharsets.UTF_8);

    public final List<HttpExchange> exchanges = Collections.synchronizedList(new ArrayList<>());
    public final ReassemblySinkFactory factory;
    public final ReassemblySink sink;

    public Harness() {
        this(b -> { });
    }

    public Harness(Consumer<ReassemblyConfig.Builder> tweak) {
        ReassemblyConfig.Builder b = ReassemblyConfig.builder(SECRET).receiverId("r1");
        tweak.accept(b);
        factory = new ReassemblySinkFactory(b.build(), exchanges::add, new SimpleMeterRegistry());
        sink = factory.createSink(0, 1);
    }

    public List<HttpExchange> run(Conversation c) {
        c.feed(sink);
        return exchanges;
    }

    public List<HttpExchange> run(List<Packet> packets) {
        Conversation.feed(sink, packets);
        return exchanges;
    }

    public ReassemblyMetrics metrics() {
        return factory.metrics();
    }

    public double metric(String key) {
        return factory.metrics().value(key);
    }
}
