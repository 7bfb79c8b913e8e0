package io.periscope.reassembly;

import io.micrometer.core.instrument.MeterRegistry;
import io.periscope.segment.SegmentSink;
import io.periscope.segment.SegmentSinkFactory;
import io.periscope.reassembly.content.ContentDecoder;
import io.periscope.reassembly.enrich.ClientIpResolver;
import io.periscope.reassembly.enrich.CredentialRedactor;
import io.periscope.reassembly.enrich.Fingerprinter;
import io.periscope.reassembly.exchange.ExchangeFactory;
import io.periscope.reassembly.exchange.WorkerExchanges;
import io.periscope.reassembly.http.ParserLimits;
import io.periscope.reassembly.publish.ExchangeSink;
import io.periscope.reassembly.redact.BodyRedactor;
import io.periscope.reassembly.redact.CredentialNames;
import io.periscope.reassembly.redact.SensitiveMasker;
import io.periscope.reassembly.redact.ValueRedactor;
import io.periscope.reassembly.tcp.MemoryBudget;
import io.periscope.reassembly.tcp.ReassemblyContext;

/**
 * The entry point: plug into the mirror receiver as its {@link SegmentSinkFactory}. Each worker gets
 * its own {@link ReassemblySink} with an equal share of the global connection and memory limits, so
 * workers never share mutable state; they share only the (thread-safe) exchange sink and counters.
 */
public final class ReassemblySinkFactory implements SegmentSinkFactory {
    private final ReassemblyConfig config;
    private final ExchangeSink sink;
    private final ReassemblyMetrics metrics;
    private final IdleClock idleClock;

    /** For live sources: idle connections expire on the workers' ticks ({@link IdleClock#TICKS}). */
    public ReassemblySinkFactory(ReassemblyConfig config, ExchangeSink sink, MeterRegistry registry) {
        this(config, sink, registry, IdleClock.TICKS);
    }

    /** @param idleClock {@link IdleClock#SEGMENTS} for files, so a replay is deterministic */
    public ReassemblySinkFactory(ReassemblyConfig config, ExchangeSink sink, MeterRegistry registry, IdleClock idleClock) {
        this.config = config;
        this.sink = sink;
        this.metrics = new ReassemblyMetrics(registry);
        this.idleClock = idleClock;
    }

    /** The counters of all workers: a seam for tests, which read them with {@link ReassemblyMetrics#value}. */
    public ReassemblyMetrics metrics() {
        return metrics;
    }

    @Override
    public SegmentSink create(int worker, int workers) {
        return createSink(worker, workers);
    }

    /** Same as {@link #create} with the concrete type (exposes connection and memory figures). */
    public ReassemblySink createSink(int worker, int workers) {
        if (workers < 1 || worker < 0 || worker >= workers) {
            throw new IllegalArgumentException("worker " + worker + " of " + workers);
        }
        MemoryBudget budget = new MemoryBudget(Math.max(1, config.maxBufferedBytes() / workers));
        ParserLimits limits = config.parserLimits(budget, metrics);
        ValueRedactor values = values(config, metrics);
        ExchangeFactory factory = new ExchangeFactory(config.receiverId(),
                new ClientIpResolver(config.trustedProxies(), config.clientIpHeaders()),
                new CredentialRedactor(values, config.apiKeyHeaders(), config.apiKeyQueryParameters(),
                        config.sessionCookieNames(), config.allCookiesAreCredentials()),
                new BodyRedactor(values, metrics, config),
                new ContentDecoder(config.maxScanBytes(), config.maxDecodedBytes()), metrics, config.maxBodyBytes());
        WorkerExchanges exchanges = new WorkerExchanges(worker, limits, factory, sink, config.maxPendingRequests());
        ReassemblyContext ctx = config.reassemblyContext(budget, metrics);
        return ReassemblySink.create(config, exchanges, budget, metrics, ctx, Math.max(1, config.maxConnections() / workers),
                idleClock);
    }

    /** One worker's value redactor: the install's fingerprint keys, the name lists and the masked types. */
    public static ValueRedactor values(ReassemblyConfig config, ReassemblyMetrics metrics) {
        byte[] secret = config.fingerprintSecret();
        return new ValueRedactor(new Fingerprinter(secret), Fingerprinter.forPasswords(secret),
                new CredentialNames(config.credentialNames(), config.credentialNameExclusions()),
                new SensitiveMasker(config.maskedSensitiveTypes(), config.phoneRegion(), config.customSensitiveTypes()),
                metrics, config.loginFields());
    }
}
