package io.periscope.benchmarks.reassembly;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import org.slf4j.LoggerFactory;

/** The benchmark jar has no logging configuration (DEBUG by default): logging would be what is measured. */
final class QuietLogs {
    private QuietLogs() {
    }

    static void apply() {
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).setLevel(Level.WARN);
    }
}
