package io.periscope.server.cli.replay;

import io.periscope.mirror.replay.ReplaySummary;
import java.io.PrintStream;

/** A one-line, carriage-return progress bar, redrawn at most five times a second. */
final class ProgressBar {
    private static final int WIDTH = 30;
    private static final long REDRAW_NANOS = 200_000_000L;

    private final PrintStream out;
    private final long total;
    private final long startNanos = System.nanoTime();
    private long lastDraw;

    ProgressBar(PrintStream out, long totalPackets) {
        this.out = out;
        this.total = Math.max(1, totalPackets);
    }

    void update(long packets, long bytes) {
        long now = System.nanoTime();
        if (now - lastDraw < REDRAW_NANOS) {
            return;
        }
        lastDraw = now;
        draw(packets, bytes, now);
    }

    void finish(long packets, long bytes) {
        draw(packets, bytes, System.nanoTime());
        out.println();
    }

    private void draw(long packets, long bytes, long now) {
        double fraction = Math.min(1.0, (double) packets / total);
        int filled = (int) (fraction * WIDTH);
        double seconds = Math.max(1e-9, (now - startNanos) / 1e9);
        out.printf("\r[%s%s] %3d%% %,d/%,d packets  %s  %,.0f pkt/s ", "#".repeat(filled), ".".repeat(WIDTH - filled),
                (int) (fraction * 100), packets, total, ReplaySummary.humanBytes(bytes), packets / seconds);
        out.flush();
    }
}
