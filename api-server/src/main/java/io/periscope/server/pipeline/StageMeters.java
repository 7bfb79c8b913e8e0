package io.periscope.server.pipeline;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Timer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Groups the {@code periscope.<stage>.*} meters of the registry by stage, whatever stages this process runs,
 * so new stages show up without changes here. A meter counts drops when it carries the tag
 * {@code outcome=dropped}, or when its name says so ({@code dropped}, {@code drops}, {@code rejected}); its
 * {@code reason} tag is the reason.
 */
public final class StageMeters {
    static final String PREFIX = "periscope.";

    private final MeterRegistry registry;

    public StageMeters(MeterRegistry registry) {
        this.registry = registry;
    }

    /** One meter's current value: the count of counters and timers, the value of gauges. */
    public record MeterValue(String name, Map<String, String> tags, double value) {
    }

    /** Drops of one stage by meter and reason. */
    public record Drop(String name, String reason, double count) {
    }

    /** @param dropped the sum of the stage's drops */
    public record Stage(String stage, List<MeterValue> meters, List<Drop> drops, double dropped) {
    }

    public List<Stage> stages() {
        Map<String, List<MeterValue>> byStage = new TreeMap<>();
        for (Meter meter : registry.getMeters()) {
            String name = meter.getId().getName();
            if (!name.startsWith(PREFIX) || name.indexOf('.', PREFIX.length()) < 0) {
                continue;
            }
            Double value = value(meter);
            if (value == null || value.isNaN()) {
                continue;
            }
            Map<String, String> tags = new LinkedHashMap<>();
            for (Tag t : meter.getId().getTagsAsIterable()) {
                tags.put(t.getKey(), t.getValue());
            }
            String stage = name.substring(PREFIX.length(), name.indexOf('.', PREFIX.length()));
            byStage.computeIfAbsent(stage, k -> new ArrayList<>()).add(new MeterValue(name, tags, value));
        }
        List<Stage> out = new ArrayList<>();
        byStage.forEach((stage, meters) -> {
            meters.sort(Comparator.comparing(MeterValue::name).thenComparing(m -> m.tags().toString()));
            List<Drop> drops = new ArrayList<>();
            double dropped = 0;
            for (MeterValue m : meters) {
                if (isDrop(m) && m.value() > 0) {
                    drops.add(new Drop(m.name(), m.tags().getOrDefault("reason", "unspecified"), m.value()));
                    dropped += m.value();
                }
            }
            out.add(new Stage(stage, List.copyOf(meters), drops, dropped));
        });
        return out;
    }

    static boolean isDrop(MeterValue m) {
        if ("dropped".equals(m.tags().get("outcome"))) {
            return true;
        }
        String leaf = m.name().substring(m.name().lastIndexOf('.') + 1);
        return leaf.equals("dropped") || leaf.equals("drops") || leaf.equals("rejected") || m.name().contains(".dropped.")
                || m.name().contains(".rejected.");
    }

    /** A meter's one reading (a timer: its count), or null for kinds the stage pages do not show. */
    static Double value(Meter meter) {
        if (meter instanceof Counter c) {
            return c.count();
        }
        if (meter instanceof FunctionCounter c) {
            return c.count();
        }
        if (meter instanceof Gauge g) {
            return g.value();
        }
        if (meter instanceof Timer t) {
            return (double) t.count();
        }
        return null;
    }
}
