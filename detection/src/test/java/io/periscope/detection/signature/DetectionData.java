package io.periscope.detection.signature;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The development set in {@code ../shared/detection-data/} beside the repository (see its README): labelled
 * parameter values and payload lists. Never copied into the repository; tests that need it skip where it is absent.
 */
final class DetectionData {

    /** One labelled value of {@code http-params/train.csv}. */
    record Labelled(String payload, String attackType) {
    }

    private final Path root;

    private DetectionData(Path root) {
        this.root = root;
    }

    /** The data set, found from the working directory (the module) or its parent (the repository). */
    static Optional<DetectionData> locate() {
        Path here = Path.of("").toAbsolutePath();
        for (Path dir = here; dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolveSibling("shared").resolve("detection-data");
            if (Files.isRegularFile(candidate.resolve("http-params").resolve("train.csv"))) {
                return Optional.of(new DetectionData(candidate));
            }
            if (dir.getNameCount() < here.getNameCount() - 2) {
                break;
            }
        }
        return Optional.empty();
    }

    List<Labelled> labelled() {
        List<Labelled> rows = new ArrayList<>();
        List<List<String>> records = Csv.parse(read(root.resolve("http-params").resolve("train.csv")));
        for (List<String> record : records.subList(1, records.size())) {
            if (record.size() >= 3) {
                rows.add(new Labelled(record.get(0), record.get(2)));
            }
        }
        return rows;
    }

    /** Every non-empty line of every list under {@code payloads/<folder>/}. */
    List<String> payloads(String folder) {
        try (Stream<Path> files = Files.list(root.resolve("payloads").resolve(folder))) {
            List<String> lines = new ArrayList<>();
            for (Path file : files.sorted().toList()) {
                for (String line : read(file).split("\r?\n")) {
                    if (!line.isBlank()) {
                        lines.add(line);
                    }
                }
            }
            return lines;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path file) {
        try {
            return new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** RFC 4180 records: quoted fields with doubled quotes, which may span lines. */
    private static final class Csv {
        static List<List<String>> parse(String text) {
            List<List<String>> records = new ArrayList<>();
            List<String> record = new ArrayList<>();
            StringBuilder field = new StringBuilder();
            boolean quoted = false;
            int n = text.length();
            for (int i = 0; i < n; i++) {
                char c = text.charAt(i);
                if (quoted) {
                    if (c == '"' && i + 1 < n && text.charAt(i + 1) == '"') {
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
                    record.add(field.toString());
                    field.setLength(0);
                } else if (c == '\n' || c == '\r') {
                    if (c == '\r' && i + 1 < n && text.charAt(i + 1) == '\n') {
                        i++;
                    }
                    record.add(field.toString());
                    field.setLength(0);
                    records.add(record);
                    record = new ArrayList<>();
                } else {
                    field.append(c);
                }
            }
            if (field.length() > 0 || !record.isEmpty()) {
                record.add(field.toString());
                records.add(record);
            }
            return records;
        }
    }
}
