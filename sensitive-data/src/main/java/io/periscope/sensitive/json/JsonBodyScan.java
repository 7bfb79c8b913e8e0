package io.periscope.sensitive.json;

import io.periscope.events.catalog.ParameterLocation;
import io.periscope.events.http.BodyScan;
import io.periscope.sensitive.FieldName;
import io.periscope.sensitive.SensitiveHit;
import io.periscope.sensitive.SensitiveScanner;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Applies the sensitive detectors ({@link SensitiveScanner}, the set discovery reports) to the values of a JSON body
 * as {@link JsonValueScanner} walks it, and sums the hits per type and JSON path: what the sensor says about the part
 * of a body it does not publish. Only masked examples leave this class. One instance per thread.
 */
public final class JsonBodyScan {
    private final SensitiveScanner scanner;
    private final JsonValueScanner walker;
    private final ParsedNames names = new ParsedNames();

    /**
     * @param scanner  the detectors
     * @param maxDepth containers tracked with their own paths (deeper values are still judged)
     */
    public JsonBodyScan(SensitiveScanner scanner, int maxDepth) {
        this.scanner = scanner;
        this.walker = new JsonValueScanner(maxDepth, SensitiveScanner.MAX_VALUE_LENGTH);
    }

    /**
     * @param walk    how the walk ended
     * @param found   hits per type and path, in first-seen order, at most {@link BodyScan#MAX_FOUND}
     * @param dropped hits left out because their type and path came after {@link BodyScan#MAX_FOUND} others
     */
    public record Outcome(JsonValueScanner.Result walk, List<BodyScan.Found> found, int dropped) {
    }

    /**
     * Judges the values of {@code body[0, length)} that end past {@code reportFrom} (0 for the whole document).
     *
     * @param location where the body was ({@code REQUEST_BODY} or {@code RESPONSE_BODY}), for the detectors' context
     */
    public Outcome scan(ParameterLocation location, byte[] body, int length, int reportFrom) {
        SensitiveScanner.MessageScan message = scanner.begin();
        JsonValueScanner.Result walk = walker.scan(body, 0, length, reportFrom,
                (path, v) -> message.field(location, names.of(path), v));
        List<SensitiveHit> hits = message.finish();
        if (hits.isEmpty()) {
            return new Outcome(walk, List.of(), 0);
        }
        Map<String, Sum> sums = new LinkedHashMap<>();
        int dropped = 0;
        for (SensitiveHit h : hits) {
            String key = h.type() + ' ' + h.field();
            Sum s = sums.get(key);
            if (s == null) {
                if (sums.size() == BodyScan.MAX_FOUND) {
                    dropped++;
                    continue;
                }
                s = new Sum(h);
                sums.put(key, s);
            }
            s.count++;
            s.confidence = Math.max(s.confidence, h.confidence());
        }
        List<BodyScan.Found> found = new ArrayList<>(sums.size());
        for (Sum s : sums.values()) {
            found.add(new BodyScan.Found(s.first.type(), s.first.field(), s.count, s.confidence, s.first.masked()));
        }
        return new Outcome(walk, found, dropped);
    }

    /**
     * Parsed field names by path instance: the walker hands out one path instance per field of repeated records, so
     * a 300-record array parses each of its paths once, not once per value. A small direct-mapped cache by identity
     * hash; a miss only costs a parse.
     */
    private static final class ParsedNames {
        private static final int SLOTS = 256;
        private final String[] paths = new String[SLOTS];
        private final FieldName[] parsed = new FieldName[SLOTS];

        FieldName of(String path) {
            int slot = System.identityHashCode(path) & (SLOTS - 1);
            if (paths[slot] != path) {
                paths[slot] = path;
                parsed[slot] = FieldName.of(path);
            }
            return parsed[slot];
        }
    }

    private static final class Sum {
        final SensitiveHit first;
        long count;
        double confidence;

        Sum(SensitiveHit first) {
            this.first = first;
        }
    }
}
