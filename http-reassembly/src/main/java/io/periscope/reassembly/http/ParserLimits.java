package io.periscope.reassembly.http;

import io.periscope.reassembly.ReassemblyMetrics;
import io.periscope.reassembly.tcp.MemoryBudget;

/**
 * What every parser of one worker shares: limits, the worker's memory budget and the counters. A body that may be
 * JSON is captured up to {@code maxScanBytes} (sensitive-data detection reads past the published cap), any other
 * up to {@code maxBodyBytes}.
 */
public record ParserLimits(int maxLineLength, int maxHeaderCount, int maxHeaderBytes, int maxBodyBytes,
                           int maxScanBytes, int maxDetectBytes, MemoryBudget budget, ReassemblyMetrics metrics) {
}
