package io.periscope.server.pipeline;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reconciles the ingest pipeline from its Micrometer counters, the same meters {@code /metrics} shows: at
 * every stage, what came in equals what went on plus what was dropped, by name and reason.
 * <ol>
 *   <li>packets received = decoded + skipped (by reason) + malformed (by reason);</li>
 *   <li>segments decoded = delivered + duplicates + dropped (worker queue full) + lost in the sink
 *       + still queued (the queues are gauged in bytes: while they hold any, the remainder is put down to them);</li>
 *   <li>HTTP messages (requests + responses) = 2 × paired exchanges + unpaired (by side and reason)
 *       + requests still awaiting a response;</li>
 *   <li>exchanges emitted = published + dropped (by stage and reason) + queued + in flight to Kafka.</li>
 * </ol>
 * A stage whose meters this process does not have (no receiver, no publisher) is left out or, for the
 * publisher, reported as handed to the exchange sink without a check. Any difference is shown as
 * {@code unexplained}: it means a count is missing somewhere, which is a bug.
 */
public final class PipelineLedger {
    private static final String MIRROR = "periscope.mirror.";
    private static final String REASSEMBLY = "periscope.reassembly.";
    private static final String PUBLISH = "periscope.publish.";
    /** The stage of the exchanges balance, and its part counting what Kafka acknowledged. */
    public static final String EXCHANGES = "exchanges emitted";
    public static final String PUBLISHED = "published to Kafka";

    /** One part of a balance; {@code drop} when it is something lost (named by its label). */
    public record Line(String label, long count, boolean drop) {
    }

    /**
     * {@code total = Σ parts + unexplained}.
     *
     * @param checked false when the parts are derived (not counted) and so balance by construction
     */
    public record Balance(String stage, long total, List<Line> parts, long unexplained, boolean checked) {
        public Balance {
            parts = List.copyOf(parts);
        }

        /** A balance of counted parts: {@code unexplained} is what they leave over. */
        public static Balance of(String stage, long total, List<Line> parts) {
            long sum = parts.stream().mapToLong(Line::count).sum();
            return new Balance(stage, total, parts, total - sum, true);
        }

        public boolean reconciles() {
            return unexplained == 0;
        }

        /** The count of the part with this label, 0 when there is none. */
        public long count(String label) {
            return parts.stream().filter(p -> p.label().equals(label)).mapToLong(Line::count).sum();
        }

        public long dropped() {
            return parts.stream().filter(Line::drop).mapToLong(Line::count).sum();
        }
    }

    private record Value(String name, Map<String, String> tags, double value) {
    }

    private final List<Value> values = new ArrayList<>();

    private PipelineLedger(MeterRegistry registry) {
        for (Meter meter : registry.getMeters()) {
            Double v = StageMeters.value(meter);
            if (v != null && !v.isNaN()) {
                Map<String, String> tags = new TreeMap<>();
                meter.getId().getTags().forEach(t -> tags.put(t.getKey(), t.getValue()));
                values.add(new Value(meter.getId().getName(), tags, v));
            }
        }
    }

    /** The balances of every stage this registry has meters for, in pipeline order. */
    public static List<Balance> of(MeterRegistry registry) {
        return new PipelineLedger(registry).balances();
    }

    private List<Balance> balances() {
        List<Balance> out = new ArrayList<>();
        if (has(MIRROR + "packets.received")) {
            out.add(packets());
            out.add(segments());
        }
        if (has(REASSEMBLY + "messages")) {
            out.add(messages());
            out.add(exchanges());
        }
        return out;
    }

    private Balance packets() {
        List<Line> parts = new ArrayList<>();
        parts.add(new Line("decoded as TCP segments", sum(MIRROR + "packets.decoded"), false));
        byTag(MIRROR + "packets.skipped", "reason", "skipped: ", parts);
        byTag(MIRROR + "packets.malformed", "reason", "malformed: ", parts);
        return Balance.of("packets received", sum(MIRROR + "packets.received"), parts);
    }

    private Balance segments() {
        List<Line> parts = new ArrayList<>();
        parts.add(new Line("delivered to reassembly", sum(MIRROR + "segments.delivered"), false));
        optional(parts, "duplicates suppressed (double-mirrored copies)", sum(MIRROR + "packets.duplicate"), true);
        optional(parts, "dropped: worker queue full", sum(MIRROR + "queue.dropped"), true);
        optional(parts, "dropped: reassembly sink threw", sum(MIRROR + "sink.errors"), true);
        long decoded = sum(MIRROR + "packets.decoded");
        long queuedBytes = sum(MIRROR + "queue.bytes");
        long accounted = parts.stream().mapToLong(Line::count).sum();
        if (queuedBytes > 0 && decoded > accounted) {
            // the queues are gauged in bytes, not segments: while they hold some, the rest is theirs
            parts.add(new Line(String.format("still in worker queues (%,d bytes)", queuedBytes), decoded - accounted, false));
        }
        return Balance.of("TCP segments decoded", decoded, parts);
    }

    private Balance messages() {
        long requests = sum(REASSEMBLY + "messages", "type", "request");
        long responses = sum(REASSEMBLY + "messages", "type", "response");
        long paired = sum(REASSEMBLY + "exchanges", "pairing", "paired");
        List<Line> parts = new ArrayList<>();
        parts.add(new Line(String.format("in paired exchanges (2 x %,d)", paired), 2 * paired, false));
        for (Value v : matching(REASSEMBLY + "exchanges.unpaired")) {
            optional(parts, "unpaired " + v.tags().get("side") + ": " + v.tags().get("reason"), (long) v.value(), false);
        }
        optional(parts, "requests still awaiting a response", sum(REASSEMBLY + "requests.pending"), false);
        return Balance.of(String.format("HTTP messages (%,d requests, %,d responses)", requests, responses),
                requests + responses, parts);
    }

    private Balance exchanges() {
        long emitted = sum(REASSEMBLY + "exchanges", "pairing", "paired")
                + sum(REASSEMBLY + "exchanges", "pairing", "unpaired_request")
                + sum(REASSEMBLY + "exchanges", "pairing", "unpaired_response");
        List<Line> parts = new ArrayList<>();
        byTag(REASSEMBLY + "exchanges.dropped", "reason", "dropped in reassembly: ", parts);
        if (!has(PUBLISH + "exchanges")) {
            long handed = emitted - parts.stream().mapToLong(Line::count).sum();
            parts.add(0, new Line("handed to the exchange sink (no publisher in this process)", handed, false));
            return new Balance(EXCHANGES, emitted, parts, 0, false);
        }
        parts.add(0, new Line(PUBLISHED, sum(PUBLISH + "exchanges", "outcome", "published"), false));
        byTag(PUBLISH + "exchanges.dropped", "reason", "dropped by the publisher: ", parts);
        optional(parts, "still in the publish queue", sum(PUBLISH + "queue.size"), false);
        optional(parts, "in flight to Kafka (not yet acknowledged)", sum(PUBLISH + "in.flight"), false);
        return Balance.of(EXCHANGES, emitted, parts);
    }

    private static void optional(List<Line> parts, String label, long count, boolean drop) {
        if (count != 0) {
            parts.add(new Line(label, count, drop));
        }
    }

    private void byTag(String name, String tag, String prefix, List<Line> parts) {
        Map<String, Long> by = new TreeMap<>();
        for (Value v : matching(name)) {
            by.merge(v.tags().getOrDefault(tag, "unspecified"), (long) v.value(), Long::sum);
        }
        by.forEach((reason, count) -> optional(parts, prefix + reason, count, true));
    }

    private boolean has(String name) {
        return values.stream().anyMatch(v -> v.name().equals(name));
    }

    private List<Value> matching(String name) {
        return values.stream().filter(v -> v.name().equals(name)).toList();
    }

    private long sum(String name) {
        return (long) matching(name).stream().mapToDouble(Value::value).sum();
    }

    private long sum(String name, String tag, String value) {
        return (long) matching(name).stream().filter(v -> value.equals(v.tags().get(tag))).mapToDouble(Value::value).sum();
    }
}
