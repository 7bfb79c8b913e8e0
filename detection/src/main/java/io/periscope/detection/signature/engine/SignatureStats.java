package io.periscope.detection.signature.engine;

import io.periscope.detection.signature.AttackClass;
import io.periscope.detection.signature.locate.Cap;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * What the engine did, counted: exchanges and values inspected, findings per class, and every time a limit left part
 * of a request unread (per {@link Cap} reason, and findings beyond the per-exchange cap). Thread-safe.
 */
public final class SignatureStats {
    private final LongAdder exchanges = new LongAdder();
    private final LongAdder values = new LongAdder();
    private final LongAdder findingsDropped = new LongAdder();
    private final LongAdder memoHits = new LongAdder();
    private final Map<AttackClass, LongAdder> findings = new EnumMap<>(AttackClass.class);
    private final Map<Cap, LongAdder> capped = new EnumMap<>(Cap.class);

    public SignatureStats() {
        for (AttackClass c : AttackClass.values()) {
            findings.put(c, new LongAdder());
        }
        for (Cap c : Cap.values()) {
            capped.put(c, new LongAdder());
        }
    }

    void exchange(int valueCount, Map<Cap, Integer> caps) {
        exchanges.increment();
        values.add(valueCount);
        caps.forEach((reason, n) -> capped.get(reason).add(n));
    }

    void finding(AttackClass attackClass) {
        findings.get(attackClass).increment();
    }

    void memoHit() {
        memoHits.increment();
    }

    void findingDropped() {
        findingsDropped.increment();
    }

    public long exchanges() {
        return exchanges.sum();
    }

    public long values() {
        return values.sum();
    }

    public long findings(AttackClass attackClass) {
        return findings.get(attackClass).sum();
    }

    public long capped(Cap reason) {
        return capped.get(reason).sum();
    }

    /** Values skipped because the same value at the same place was judged clean before ({@link CleanVerdicts}). */
    public long memoHits() {
        return memoHits.sum();
    }

    /** Findings not reported because an exchange had more than {@link SignatureEngine#MAX_FINDINGS}. */
    public long findingsDropped() {
        return findingsDropped.sum();
    }
}
