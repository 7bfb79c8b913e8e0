package io.periscope.reassembly;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.periscope.reassembly.exchange.UnpairedReason;
import io.periscope.reassembly.tcp.CloseReason;
import io.periscope.reassembly.tcp.GapReason;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counters of every stage, named per stage and reason so that
 * {@code segments → messages → exchanges → published} reconciles:
 * <ul>
 *   <li>every request or response message ends in exactly one exchange:
 *       {@code messages{type=request} + messages{type=response} = 2·exchanges{pairing=paired}
 *       + exchanges{pairing=unpaired_request} + exchanges{pairing=unpaired_response}};</li>
 *   <li>while connections are open, requests awaiting their response are not yet in any exchange: the
 *       equation above holds with {@code requests.pending} added to its right side;</li>
 *   <li>every unpaired exchange has one reason: {@code exchanges.unpaired{side=request,reason=*}} adds up to
 *       {@code exchanges{pairing=unpaired_request}}, {@code side=response} to {@code unpaired_response};</li>
 *   <li>every exchange emitted is handed to the exchange sink or counted in {@code exchanges.dropped}
 *       ({@code sink_failure}, {@code build_failure});</li>
 *   <li>bytes never delivered to a parser are counted in {@code bytes.gap} by reason; bytes delivered but
 *       not part of any message in {@code http.skipped.bytes} by reason.</li>
 * </ul>
 * Counters are shared by all workers (Micrometer counters are lock-free).
 */
public final class ReassemblyMetrics {
    public static final String PREFIX = "periscope.reassembly.";
    private static final Set<String> KNOWN_SCHEMES = Set.of("Bearer", "Basic", "Digest", "ApiKey", "Cookie", "Password",
            "Token", "Secret", "Signature", "Session", "Jwt", "AwsAccessKey", "AwsSecretKey", "PrivateKey", "PasswordHash",
            "AWS4-HMAC-SHA256", "Negotiate", "NTLM", "Unknown");

    private final MeterRegistry registry;
    /** Counted per credential or masked value of every exchange: looked up without building tags each time. */
    private final Map<String, Counter> redactedBy = new ConcurrentHashMap<>();
    private final Map<String, Counter> maskedBy = new ConcurrentHashMap<>();
    private final Counter segments;
    private final Counter segmentsRetransmitted;
    private final Counter segmentsIgnored;
    private final Counter segmentsLate;
    private final Counter segmentsHeld;
    private final Counter reorderFilled;
    private final Counter reorderExpired;
    private final Counter reorderClosed;
    private final Counter circularHolds;
    private final Counter gapLost;
    private final Counter gapTruncatedCapture;
    private final Counter gapBufferOverflow;
    private final Counter gapAcknowledged;
    private final Counter connectionsOpened;
    private final Counter closedFin;
    private final Counter closedRst;
    private final Counter closedIdle;
    private final Counter closedEnd;
    private final Counter evictedCount;
    private final Counter evictedMemory;
    private final AtomicLong active = new AtomicLong();
    private final AtomicLong bufferedBytes = new AtomicLong();
    private final Counter requests;
    private final Counter responses;
    private final Counter informational;
    private final Counter paired;
    private final Counter unpairedRequests;
    private final Counter unpairedResponses;
    private final Counter h2PriorKnowledge;
    private final Counter h2cUpgrade;
    private final Counter upgraded;
    private final Counter resyncs;
    private final Counter skippedResync;
    private final Counter skippedNotHttp;
    private final Counter decodeOk;
    private final Counter decodeFailed;
    private final Counter decodeLimited;
    private final Counter sinkFailures;

    // ---- reconciliation of messages and exchanges (unpaired reasons, pending requests, build failures) ----
    private final EnumMap<UnpairedReason, Counter> unpairedBy = new EnumMap<>(UnpairedReason.class);
    private final AtomicLong pendingRequests = new AtomicLong();
    private final Counter buildFailures;
    // ---- end of the reconciliation block ----

    public ReassemblyMetrics(MeterRegistry registry) {
        this.registry = registry;
        segments = counter("segments", "TCP segments received");
        segmentsRetransmitted = counter("segments.dropped", "reason", "retransmission", "segments wholly before the stream position (retransmissions, duplicates)");
        segmentsIgnored = counter("segments.dropped", "reason", "ignored_stream", "payload of streams not parsed (not HTTP, upgraded, HTTP/2)");
        segmentsLate = counter("segments.dropped", "reason", "late", "segments whose bytes had been given up as a gap already: they came after the reorder window");
        segmentsHeld = counter("reorder.held.segments", "in-order segments held until the other direction showed the bytes they acknowledge");
        reorderFilled = counter("reorder.waits", "outcome", "filled", "waits for acknowledged but unseen bytes that the capture showed within the reorder window");
        reorderExpired = counter("reorder.waits", "outcome", "expired", "waits whose reorder window passed: the acknowledged bytes became a gap");
        circularHolds = counter("reorder.circular.holds", "segments released although the other direction had not shown what they acknowledge, because it held its own for them (retransmissions)");
        reorderClosed = counter("reorder.waits", "outcome", "closed", "waits cut short by the connection's end, eviction or the end of input (bytes counted as acknowledged gap)");
        gapLost = counter("bytes.gap", "reason", "lost", "stream bytes never captured (holes skipped at FIN, close or eviction)");
        gapTruncatedCapture = counter("bytes.gap", "reason", "truncated_capture", "bytes cut by the mirror session's packet length");
        gapBufferOverflow = counter("bytes.gap", "reason", "out_of_order_overflow", "holes skipped because the out-of-order buffer was full");
        gapAcknowledged = counter("bytes.gap", "reason", "acknowledged", "holes skipped because the peer acknowledged bytes the capture missed");
        connectionsOpened = counter("connections.opened", "connections first seen");
        closedFin = counter("connections.closed", "reason", "fin", "connections ended by FIN in both directions");
        closedRst = counter("connections.closed", "reason", "rst", "connections ended by RST");
        closedIdle = counter("connections.closed", "reason", "idle", "connections expired after the idle timeout");
        closedEnd = counter("connections.closed", "reason", "end_of_input", "connections flushed when the source ended");
        evictedCount = counter("connections.closed", "reason", "evicted_count", "least recently active connections evicted at the connection limit");
        evictedMemory = counter("connections.closed", "reason", "evicted_memory", "least recently active connections evicted at the buffered-bytes limit");
        registry.gauge(PREFIX + "connections.active", active);
        registry.gauge(PREFIX + "buffered.bytes", bufferedBytes);
        requests = counter("messages", "type", "request", "complete or flushed requests");
        responses = counter("messages", "type", "response", "complete or flushed final responses");
        informational = counter("messages", "type", "informational", "interim 1xx responses (folded into the final response)");
        paired = counter("exchanges", "pairing", "paired", "exchanges with request and response");
        unpairedRequests = counter("exchanges", "pairing", "unpaired_request", "requests emitted without a response");
        unpairedResponses = counter("exchanges", "pairing", "unpaired_response", "responses emitted without a request");
        h2PriorKnowledge = counter("http.protocol", "kind", "h2_prior_knowledge", "connections starting with the HTTP/2 preface (not parsed)");
        h2cUpgrade = counter("http.protocol", "kind", "h2c_upgrade", "connections upgraded to h2c (not parsed)");
        upgraded = counter("http.protocol", "kind", "upgraded", "connections switched by 101 or a successful CONNECT (parsing stopped)");
        resyncs = counter("http.resync", "times a parser lost message framing and scanned for the next message start");
        skippedResync = counter("http.skipped.bytes", "reason", "resync", "bytes skipped while scanning for a message start");
        skippedNotHttp = counter("http.skipped.bytes", "reason", "not_http", "bytes of streams where no HTTP message start was found");
        decodeOk = counter("http.content.decode", "result", "ok", "bodies whose content codings were undone");
        decodeFailed = counter("http.content.decode", "result", "failed", "bodies kept as sent because a coding could not be undone");
        decodeLimited = counter("http.content.decode", "result", "limited", "bodies cut by the decompression limit");
        sinkFailures = counter("exchanges.dropped", "reason", "sink_failure", "exchanges the exchange sink threw on");

        // ---- reconciliation block ----
        for (UnpairedReason r : UnpairedReason.values()) {
            unpairedBy.put(r, Counter.builder(PREFIX + "exchanges.unpaired").tag("side", r.request() ? "request" : "response")
                    .tag("reason", r.tag()).description("unpaired exchanges by side and reason").register(registry));
        }
        registry.gauge(PREFIX + "requests.pending", pendingRequests);
        buildFailures = counter("exchanges.dropped", "reason", "build_failure",
                "exchanges lost because building the record threw (a bug: messages counted, no exchange published)");
        // ---- end of the reconciliation block ----
    }

    /** Segments a worker counted since it last added them (once per tick: a shared add per segment cost its time). */
    public void segments(long n) { segments.increment(n); }
    public void retransmitted() { segmentsRetransmitted.increment(); }
    public void ignored() { segmentsIgnored.increment(); }
    public void late() { segmentsLate.increment(); }
    public void heldForPeer() { segmentsHeld.increment(); }
    public void reorderWaitFilled() { reorderFilled.increment(); }
    public void reorderWaitExpired() { reorderExpired.increment(); }
    public void reorderWaitClosed() { reorderClosed.increment(); }
    public void circularHold() { circularHolds.increment(); }

    public void gap(GapReason reason, long bytes) {
        switch (reason) {
            case LOST -> gapLost.increment(bytes);
            case TRUNCATED_CAPTURE -> gapTruncatedCapture.increment(bytes);
            case OUT_OF_ORDER_OVERFLOW -> gapBufferOverflow.increment(bytes);
            case ACKNOWLEDGED -> gapAcknowledged.increment(bytes);
        }
    }

    public void connectionOpened() {
        connectionsOpened.increment();
        active.incrementAndGet();
    }

    public void connectionClosed(CloseReason reason) {
        active.decrementAndGet();
        switch (reason) {
            case FIN, REPLACED -> closedFin.increment();
            case RST -> closedRst.increment();
            case IDLE -> closedIdle.increment();
            case END_OF_INPUT -> closedEnd.increment();
            case EVICTED_COUNT -> evictedCount.increment();
            case EVICTED_MEMORY -> evictedMemory.increment();
        }
    }

    /** Adds a worker's change of buffered bytes to the shared gauge (called on tick, not per packet). */
    public void bufferedBytesChanged(long delta) { bufferedBytes.addAndGet(delta); }

    public void request() { requests.increment(); }
    public void response() { responses.increment(); }
    public void informational() { informational.increment(); }
    public void paired() { paired.increment(); }
    public void unpairedRequest() { unpairedRequests.increment(); }
    public void unpairedResponse() { unpairedResponses.increment(); }
    public void h2PriorKnowledge() { h2PriorKnowledge.increment(); }
    public void h2cUpgrade() { h2cUpgrade.increment(); }
    public void upgraded() { upgraded.increment(); }
    public void resync() { resyncs.increment(); }
    public void skippedResync(long bytes) { skippedResync.increment(bytes); }
    public void skippedNotHttp(long bytes) { skippedNotHttp.increment(bytes); }
    public void decodeOk() { decodeOk.increment(); }
    public void decodeFailed() { decodeFailed.increment(); }
    public void decodeLimited() { decodeLimited.increment(); }
    public void sinkFailure() { sinkFailures.increment(); }

    // ---- reconciliation block: unpaired reasons, pending requests, build failures ----
    /** One more unpaired exchange, by reason (besides {@link #unpairedRequest()} or {@link #unpairedResponse()}). */
    public void unpaired(UnpairedReason reason) { unpairedBy.get(reason).increment(); }
    /** Adds a worker's change of requests awaiting responses to the shared gauge (called on tick, not per message). */
    public void pendingRequestsChanged(long delta) { pendingRequests.addAndGet(delta); }
    public void buildFailure() { buildFailures.increment(); }
    // ---- end of the reconciliation block ----

    /**
     * A credential replaced by a redaction marker, by scheme. Authorization schemes are as sent, so schemes
     * outside the known set count as {@code other} (an attacker must not grow the meter set).
     */
    public void redacted(String scheme) {
        redactedBy.computeIfAbsent(KNOWN_SCHEMES.contains(scheme) ? scheme : "other",
                type -> registry.counter(PREFIX + "redactions", "kind", "credential", "type", type)).increment();
    }

    /** A sensitive value replaced by a masking marker, by type (built-in and configured types: a bounded set). */
    public void masked(String type) {
        maskedBy.computeIfAbsent(type, t -> registry.counter(PREFIX + "redactions", "kind", "masked", "type", t)).increment();
    }

    /** A body published as captured because it could not be scanned, by reason ({@code binary}, {@code undecoded}). */
    public void bodyUnscanned(String reason) {
        registry.counter(PREFIX + "bodies.unscanned", "reason", reason).increment();
    }

    /**
     * A body whose sensitive-data detection did not read all of it ({@code BodyScan.complete} false), by reason:
     * {@code scan_limit} (longer than {@code max-scan-bytes}), {@code incomplete_capture} (bytes the capture never
     * had: a gap, a connection that ended early; or the decompression limit), {@code not_json} (published content cut, and the rest is not JSON, which alone is scanned past the
     * cut), {@code malformed_json} / {@code truncated_json} (the JSON past the cut stopped parsing), {@code unscanned}.
     */
    public void bodyPartlyScanned(String reason) {
        registry.counter(PREFIX + "bodies.partly-scanned", "reason", reason).increment();
    }

    /** Sensitive hits past the published content left out of {@code BodyScan.beyondContent} (its entry bound). */
    public void scanFindingsDropped(int hits) {
        registry.counter(PREFIX + "bodies.scan-findings-dropped").increment(hits);
    }

    /**
     * A body whose structured rewrite stopped early (JSON that does not parse, or nests too deep) and whose
     * rest was scanned as text, by reason.
     */
    public void bodyFallback(String reason) {
        registry.counter(PREFIX + "bodies.text-fallback", "reason", reason).increment();
    }

    /** A breach or a framing error of the HTTP parser, by reason. */
    public void httpError(String reason) {
        registry.counter(PREFIX + "http.errors", "reason", reason).increment();
    }

    private Counter counter(String name, String description) {
        return Counter.builder(PREFIX + name).description(description).register(registry);
    }

    private Counter counter(String name, String tag, String value, String description) {
        return Counter.builder(PREFIX + name).tag(tag, value).description(description).register(registry);
    }

    /**
     * Every meter of this stage as {@code name{tag=value}} → value, sorted; cheap enough for a health page.
     */
    public Map<String, Double> snapshot() {
        Map<String, Double> out = new TreeMap<>();
        for (Meter meter : registry.getMeters()) {
            String name = meter.getId().getName();
            if (!name.startsWith(PREFIX)) {
                continue;
            }
            StringBuilder key = new StringBuilder(name.substring(PREFIX.length()));
            if (!meter.getId().getTags().isEmpty()) {
                key.append('{');
                meter.getId().getTags().forEach(t -> key.append(t.getKey()).append('=').append(t.getValue()).append(','));
                key.setCharAt(key.length() - 1, '}');
            }
            meter.measure().forEach(m -> out.merge(key.toString(), m.getValue(), Double::sum));
        }
        return out;
    }

    /** The value of one entry of {@link #snapshot()}, 0 when absent. */
    public double value(String key) {
        return snapshot().getOrDefault(key, 0.0);
    }
}
