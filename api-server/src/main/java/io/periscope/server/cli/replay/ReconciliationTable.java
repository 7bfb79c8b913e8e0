package io.periscope.server.cli.replay;

import io.periscope.server.pipeline.PipelineLedger;
import java.util.List;

/** The pipeline's balances as the plain-text table printed at the end of {@code periscope replay}. */
final class ReconciliationTable {
    private static final String ROW = "%-60s %,15d%s%n";

    private ReconciliationTable() {
    }

    static String format(List<PipelineLedger.Balance> balances) {
        StringBuilder b = new StringBuilder();
        b.append(String.format("%-60s %15s%n", "reconciliation (every count, every drop by reason)", "count"));
        for (PipelineLedger.Balance balance : balances) {
            b.append(String.format(ROW, balance.stage(), balance.total(), ""));
            for (PipelineLedger.Line line : balance.parts()) {
                b.append(String.format(ROW, "  " + line.label(), line.count(), line.drop() ? "  dropped" : ""));
            }
            if (!balance.checked()) {
                b.append("  (not checked: derived from the other counts)").append(System.lineSeparator());
            } else if (balance.reconciles()) {
                b.append("  = reconciles").append(System.lineSeparator());
            } else {
                b.append(String.format(ROW, "  UNEXPLAINED (a count is missing: a bug, please report)", balance.unexplained(), ""));
            }
        }
        return b.toString();
    }
}
