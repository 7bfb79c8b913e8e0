package io.periscope.server.attacklab;

import java.io.IOException;
import java.nio.file.Path;

/** One attacker of the lab: who it is (what detection must report) and how it attacks. */
interface LabAttack {
    LabActor actor();

    /** Why this attack cannot run here (its tool is not installed), or null when it can. */
    default String unavailable() {
        return null;
    }

    /**
     * Attacks the API.
     *
     * @param base    {@code http://127.0.0.1:<port>} of the recording relay in front of the API
     * @param workDir a directory of its own for word lists and tool output
     */
    void run(String base, Path workDir) throws IOException, InterruptedException;
}
