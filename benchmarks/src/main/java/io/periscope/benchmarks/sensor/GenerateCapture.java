package io.periscope.benchmarks.sensor;

import io.periscope.mirror.synthetic.SyntheticCapture;
import io.periscope.mirror.synthetic.Totals;
import io.periscope.mirror.synthetic.TrafficSpec;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Writes a realistic mirror capture: {@code GenerateCapture FILE CONNECTIONS [SEED]}. 23,000 connections
 * give about a million packets and 230,000 exchanges, all connections open at once (see
 * {@link TrafficSpec#realistic}). Prints what the file holds, so a run can be checked against it.
 */
public final class GenerateCapture {
    private GenerateCapture() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 2) {
            System.err.println("usage: GenerateCapture FILE CONNECTIONS [SEED]");
            System.exit(2);
        }
        Path file = Path.of(args[0]);
        int connections = Integer.parseInt(args[1]);
        long seed = args.length > 2 ? Long.parseLong(args[2]) : 1;
        long started = System.nanoTime();
        Totals totals = SyntheticCapture.write(TrafficSpec.realistic(connections, seed), file);
        System.out.printf("wrote %s: %,d packets, %,d bytes, %,d connections, %,d exchanges, %.1f s of capture time (%.1f s to generate)%n",
                file, totals.packets(), totals.bytes(), totals.connections(), totals.exchanges(),
                (totals.lastMicros() - totals.firstMicros()) / 1e6, (System.nanoTime() - started) / 1e9);
    }
}
