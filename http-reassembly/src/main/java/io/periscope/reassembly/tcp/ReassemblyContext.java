package io.periscope.reassembly.tcp;

import io.periscope.reassembly.ReassemblyMetrics;

/**
 * What one worker's reassembly shares across its connections: limits, budget and counters.
 *
 * @param reorderWindowSegments segments of a connection that must pass before acknowledged but unseen bytes are a gap
 * @param reorderWindowMicros   capture time that must pass for the same (both must pass)
 */
public record ReassemblyContext(ReassemblyMetrics metrics, MemoryBudget budget, int maxOutOfOrderBytes,
                                int reorderWindowSegments, long reorderWindowMicros) {
}
