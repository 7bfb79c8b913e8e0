package io.periscope.mirror.udp;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Datagrams the kernel dropped for our UDP sockets because their receive buffers were full: the one loss
 * the receiver cannot count itself, read from the {@code drops} column of {@code /proc/net/udp} and
 * {@code /proc/net/udp6} (Linux; elsewhere it reads 0). Read on demand by a gauge, never per packet.
 */
final class KernelDrops {
    private static final List<Path> TABLES = List.of(Path.of("/proc/net/udp"), Path.of("/proc/net/udp6"));
    /** Columns of a socket line: sl, local_address, rem_address, st, tx:rx queue, tr:tm, retrnsmt, uid, timeout, inode, ref, pointer, drops. */
    private static final int LOCAL_ADDRESS = 1;
    private static final int DROPS = 12;

    private KernelDrops() {
    }

    /** Drops summed over every socket bound to one of {@code ports}. */
    static long of(int... ports) {
        long sum = 0;
        for (Path table : TABLES) {
            try {
                for (String line : Files.readAllLines(table)) {
                    sum += drops(line.trim().split("\\s+"), ports);
                }
            } catch (IOException | RuntimeException e) {
                // no procfs (not Linux) or an unexpected layout: nothing to add
            }
        }
        return sum;
    }

    private static long drops(String[] columns, int[] ports) {
        if (columns.length <= DROPS || columns[0].equals("sl")) {
            return 0;
        }
        String local = columns[LOCAL_ADDRESS];
        int port = Integer.parseInt(local.substring(local.indexOf(':') + 1), 16);
        for (int p : ports) {
            if (p == port && p != 0) {
                return Long.parseLong(columns[DROPS]);
            }
        }
        return 0;
    }
}
