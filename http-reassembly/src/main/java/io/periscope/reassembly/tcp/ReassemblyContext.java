package io.periscope.reassembly.tcp;

import io.periscope.reassembly.ReassemblyMetrics;

/** What one worker's reassembly shares across its connections: limits, budget and counters. */
public record ReassemblyContext(ReassemblyMetrics metrics, MemoryBudget budget, int maxOutOfOrderBytes) {
}
