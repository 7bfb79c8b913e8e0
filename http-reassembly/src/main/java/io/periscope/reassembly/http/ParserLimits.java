package io.periscope.reassembly.http;

import io.periscope.reassembly.ReassemblyMetrics;
import io.periscope.reassembly.tcp.MemoryBudget;

/** What every parser of one worker shares: limits, the worker's memory budget and the counters. */
public record ParserLimits(int maxLineLength, int maxHeaderCount, int maxHeaderBytes, int maxBodyBytes,
                           int maxDetectBytes, MemoryBudget budget, ReassemblyMetrics metrics) {
}
