package io.periscope.mirror;

import org.junit.jupiter.api.Assumptions;

import java.nio.file.Files;
import java.nio.file.Path;

/** The shared public capture corpus: {@code ../shared/corpus} from the repository root, when present. */
public final class Corpus {
    private Corpus() {
    }

    /** The corpus directory, or null when the repository root cannot be found. */
    public static Path directory() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve(".git"))) {
            dir = dir.getParent();
        }
        return dir == null ? null : dir.resolve("../shared/corpus").normalize();
    }

    /** A corpus file; skips the calling test (JUnit assumption) when the corpus is absent. */
    public static Path fileOrSkip(String relative) {
        Path corpus = directory();
        Assumptions.assumeTrue(corpus != null && Files.isRegularFile(corpus.resolve(relative)), "shared corpus not available");
        return corpus.resolve(relative);
    }
}
