package io.periscope.detection.signature.quality;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The development set in {@code ../shared/detection-data} beside the repository (see its README): found by walking up
 * from the working directory, or named by the {@code periscope.detection-data} system property. Absent on machines
 * without it; the tests that need it skip.
 */
final class DetectionData {
    private DetectionData() {
    }

    static Optional<Path> dir() {
        String named = System.getProperty("periscope.detection-data");
        if (named != null) {
            Path p = Path.of(named);
            return Files.isDirectory(p) ? Optional.of(p) : Optional.empty();
        }
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            Path candidate = p.resolve("shared").resolve("detection-data");
            if (Files.isDirectory(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** Non-empty lines of the payload lists under {@code payloads/<folder>}, comments ({@code #...}) left out. */
    static List<String> payloads(Path dir, String folder) throws IOException {
        List<String> out = new ArrayList<>();
        try (var files = Files.list(dir.resolve("payloads").resolve(folder))) {
            for (Path f : files.sorted().toList()) {
                for (String line : Files.readAllLines(f, StandardCharsets.ISO_8859_1)) {
                    if (!line.isBlank() && !line.startsWith("#")) {
                        out.add(line);
                    }
                }
            }
        }
        return out;
    }

    /** One labelled row of {@code http-params/train.csv}. */
    record Param(String payload, String attackType) {
    }

    /** The rows of {@code http-params/train.csv} (quoted CSV, {@code ""} escapes a quote). */
    static List<Param> httpParams(Path dir) throws IOException {
        String csv = Files.readString(dir.resolve("http-params").resolve("train.csv"), StandardCharsets.UTF_8);
        List<Param> rows = new ArrayList<>();
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        boolean header = true;
        for (int i = 0; i < csv.length(); i++) {
            char c = csv.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < csv.length() && csv.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                fields.add(field.toString());
                field.setLength(0);
            } else if (c == '\n') {
                fields.add(field.toString());
                field.setLength(0);
                if (!header && fields.size() >= 4) {
                    rows.add(new Param(fields.get(0), fields.get(2)));
                }
                header = false;
                fields.clear();
            } else if (c != '\r') {
                field.append(c);
            }
        }
        return rows;
    }
}
