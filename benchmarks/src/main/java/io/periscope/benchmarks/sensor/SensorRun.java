package io.periscope.benchmarks.sensor;

import com.sun.management.OperatingSystemMXBean;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.periscope.mirror.config.ReceiverConfig;
import io.periscope.mirror.replay.Pacer;
import io.periscope.mirror.replay.PipelineIngest;
import io.periscope.mirror.replay.Progress;
import io.periscope.mirror.source.CaptureFiles;
import io.periscope.mirror.source.CaptureReader;
import io.periscope.reassembly.ReassemblyConfig;
import io.periscope.reassembly.ReassemblyMetrics;
import io.periscope.reassembly.ReassemblySinkFactory;
import io.periscope.segment.SegmentSinkFactory;
import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * The sensor's file path as a whole process, with a null exchange sink: {@code SensorRun FILE [RUNS]}.
 * Reads the capture, decodes, dispatches to one worker per core, reassembles TCP, parses HTTP, builds
 * and redacts exchanges, and counts them. Each run prints wall time, the process's CPU time (every
 * thread: workers, reader, JIT compiler, GC), packets and exchanges per CPU-second, GC time, peak
 * resident memory, and every counter of every stage. Run 1 is cold (a fresh JVM), later runs warm.
 *
 * <p>{@code --stage=parse} (after the other arguments) measures only part of it, and says so in every line
 * it prints: decode, dispatch, TCP reassembly and HTTP parsing, with the messages counted instead of paired,
 * built, redacted and handed over ({@link ParseOnlySinks}). The default is the whole sensor.
 */
public final class SensorRun {
    private static final String PARSE_ONLY = "--stage=parse";

    private SensorRun() {
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        if (args.length < 1 || args.length > 3 || args.length == 3 && !args[2].equals(PARSE_ONLY)) {
            System.err.println("usage: SensorRun FILE [RUNS [" + PARSE_ONLY + "]]");
            System.exit(2);
        }
        Path file = Path.of(args[0]);
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 2;
        boolean parseOnly = args.length == 3;
        OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        for (int run = 1; run <= runs; run++) {
            MeterRegistry registry = new SimpleMeterRegistry();
            LongAdder exchanges = new LongAdder();
            ReassemblyConfig config =
                    ReassemblyConfig.builder("sensor-run-secret-0123456789".getBytes(StandardCharsets.UTF_8)).build();
            ParseOnlySinks parsers = parseOnly ? new ParseOnlySinks(config, new ReassemblyMetrics(registry)) : null;
            SegmentSinkFactory sinks = parseOnly ? parsers
                    : new ReassemblySinkFactory(config, exchange -> exchanges.increment(), registry);
            long cpu0 = os.getProcessCpuTime();
            long gc0 = gcMillis();
            long wall0 = System.nanoTime();
            PipelineIngest.Result result;
            try (CaptureReader reader = CaptureFiles.open(file)) {
                result = PipelineIngest.run(reader, Pacer.unlimited(), ReceiverConfig.defaults(), sinks, registry, Progress.NONE);
            }
            double cpu = (os.getProcessCpuTime() - cpu0) / 1e9;
            double wall = (System.nanoTime() - wall0) / 1e9;
            long packets = result.replay().packetsRead();
            if (parseOnly) {
                System.out.printf("PARTIAL (decode + reassembly + HTTP parsing only: no pairing, exchange building, "
                                + "redaction or publishing) run %d (%s): %,d packets, %,d requests and %,d responses parsed "
                                + "in %.2f s wall, %.2f CPU-s (%d cores): %,.0f packets and %,.0f request-response pairs "
                                + "per CPU-second; GC %d ms; peak RSS %,d MiB%n",
                        run, run == 1 ? "cold" : "warm", packets, parsers.requests(), parsers.responses(), wall, cpu,
                        Runtime.getRuntime().availableProcessors(), packets / cpu, parsers.responses() / cpu,
                        gcMillis() - gc0, peakRssKib() / 1024);
                continue;
            }
            System.out.printf("run %d (%s): %,d packets, %,d exchanges in %.2f s wall, %.2f CPU-s (%d cores): "
                            + "%,.0f packets and %,.0f exchanges per CPU-second; GC %d ms; peak RSS %,d MiB%n",
                    run, run == 1 ? "cold" : "warm", packets, exchanges.sum(), wall, cpu, Runtime.getRuntime().availableProcessors(),
                    packets / cpu, exchanges.sum() / cpu, gcMillis() - gc0, peakRssKib() / 1024);
            counters(registry).forEach((name, value) -> System.out.printf("    %-70s %,15.0f%n", name, value));
        }
    }

    private static long gcMillis() {
        long sum = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            sum += Math.max(0, gc.getCollectionTime());
        }
        return sum;
    }

    /** VmHWM: the peak resident set of this process, in KiB (0 where /proc is missing). */
    private static long peakRssKib() throws IOException {
        Path status = Path.of("/proc/self/status");
        if (!Files.exists(status)) {
            return 0;
        }
        for (String line : Files.readAllLines(status)) {
            if (line.startsWith("VmHWM:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        return 0;
    }

    /** Every non-zero counter and gauge, by name and tags, summed over workers. */
    private static Map<String, Double> counters(MeterRegistry registry) {
        Map<String, Double> out = new TreeMap<>();
        for (Meter m : registry.getMeters()) {
            StringBuilder key = new StringBuilder(m.getId().getName());
            m.getId().getTags().stream().filter(t -> !t.getKey().equals("worker"))
                    .forEach(t -> key.append('{').append(t.getKey()).append('=').append(t.getValue()).append('}'));
            m.measure().forEach(x -> {
                if (x.getValue() != 0 && !Double.isNaN(x.getValue())) {
                    out.merge(key.toString(), x.getValue(), Double::sum);
                }
            });
        }
        return out;
    }
}
