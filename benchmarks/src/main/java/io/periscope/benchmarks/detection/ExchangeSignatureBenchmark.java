package io.periscope.benchmarks.detection;

import io.periscope.benchmarks.ThreadCpuTime;
import io.periscope.detection.signature.engine.SignatureDetectors;
import io.periscope.detection.signature.engine.SignatureEngine;
import io.periscope.detection.signature.locate.LocateLimits;
import io.periscope.detection.streams.EngineSignatures;
import io.periscope.detection.streams.ExchangeSignatures;
import io.periscope.events.detection.Principals;
import io.periscope.events.http.ClientIpSource;
import io.periscope.events.http.HttpExchange;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The signature pass of the topology ({@link EngineSignatures}: locate every input value of the request, decode it,
 * run every signature detector) on typical benign exchanges: browsing with a search string in the query, order
 * reads, JSON order bodies, browser headers and a bearer JWT. One operation is one exchange.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class ExchangeSignatureBenchmark {
    private static final int COUNT = 4096;
    /** Principals only label the signals a finding makes; the pass does not read them. */
    private static final Principals PRINCIPALS = new Principals("10.1.0.1", ClientIpSource.X_FORWARDED_FOR, null, null,
            null, Map.of());

    private final ExchangeSignatures signatures = new EngineSignatures(SignatureEngine.withDefaults());
    /** The same pass without the memo of clean values: what the exchanges cost when none of their values repeats. */
    private final ExchangeSignatures unmemoized = new EngineSignatures(
            new SignatureEngine(SignatureDetectors.all(), LocateLimits.DEFAULTS, false));
    private List<HttpExchange> exchanges;
    private int next;

    @Setup(Level.Trial)
    public void setUp() {
        exchanges = DetectionTraffic.benign(COUNT, Instant.parse("2026-12-01T09:00:00Z").toEpochMilli() * 1000);
    }

    private final ThreadCpuTime cpu = new ThreadCpuTime();
    private long exchangesDone;

    @Setup(Level.Iteration)
    public void startClock() {
        cpu.start();
        exchangesDone = 0;
    }

    /**
     * On a shared machine wall-clock throughput measures the neighbours; CPU time of this thread does not. (Only
     * the benchmark thread's exchanges count; the GC's threads are not in it.)
     */
    @TearDown(Level.Iteration)
    public void reportCpuRate() {
        if (exchangesDone > 0) {
            System.out.printf("%n[signature pass cpu] %.0f exchanges per CPU-second of the benchmark thread%n",
                    cpu.perCpuSecond(exchangesDone));
        }
    }

    @Benchmark
    public Object benignExchange() {
        HttpExchange e = exchanges.get(next);
        next = (next + 1) & (COUNT - 1);
        exchangesDone++;
        return signatures.inspect(e, PRINCIPALS, "ip:10.1.0.1");
    }

    /** {@link #benignExchange} with every value judged afresh (no memo of clean values): the gates and detectors alone. */
    @Benchmark
    public Object benignExchangeUnmemoized() {
        HttpExchange e = exchanges.get(next);
        next = (next + 1) & (COUNT - 1);
        exchangesDone++;
        return unmemoized.inspect(e, PRINCIPALS, "ip:10.1.0.1");
    }
}
