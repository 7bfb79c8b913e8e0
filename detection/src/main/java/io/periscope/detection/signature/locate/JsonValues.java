package io.periscope.detection.signature.locate;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import io.periscope.detection.signature.LocationKind;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Reads a JSON document as a token stream and hands every key and every string or number value to the collector,
 * named by its JSON pointer ({@code /user/roles/0}). Nesting deeper than the limit is skipped, not followed, so depth
 * costs nothing; a document that stops parsing keeps what was read before the error.
 */
final class JsonValues {
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(1000).build()).build();

    private JsonValues() {
    }

    /** Reads {@code json}; returns false when it was not well-formed JSON (the caller may then inspect it whole). */
    static boolean read(String json, Collector out) {
        Deque<String> path = new ArrayDeque<>();
        try (JsonParser p = FACTORY.createParser(json)) {
            int depth = 0;
            JsonToken t;
            while ((t = p.nextToken()) != null && !out.full()) {
                switch (t) {
                    case START_OBJECT, START_ARRAY -> {
                        if (depth >= out.limits().maxJsonDepth()) {
                            out.cap(Cap.JSON_DEPTH);
                            p.skipChildren();
                            advanceIndex(path);
                        } else {
                            depth++;
                            path.push(t == JsonToken.START_ARRAY ? "#0" : "");
                        }
                    }
                    case END_OBJECT, END_ARRAY -> {
                        depth--;
                        path.pop();
                        advanceIndex(path);
                    }
                    case FIELD_NAME -> {
                        String name = p.currentName();
                        replaceTop(path, escape(name));
                        out.add(LocationKind.JSON_KEY, pointer(path), name);
                    }
                    case VALUE_STRING, VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> {
                        out.add(LocationKind.JSON_VALUE, pointer(path), p.getText());
                        advanceIndex(path);
                    }
                    default -> advanceIndex(path);
                }
            }
            return true;
        } catch (IOException e) {
            out.cap(Cap.JSON_MALFORMED);
            return false;
        }
    }

    /** Array elements are numbered: the top of the path of an array holds {@code #index} while inside it. */
    private static void advanceIndex(Deque<String> path) {
        String top = path.peek();
        if (top != null && top.startsWith("#")) {
            path.pop();
            path.push("#" + (Integer.parseInt(top.substring(1)) + 1));
        }
    }

    private static void replaceTop(Deque<String> path, String name) {
        path.pop();
        path.push(name);
    }

    private static String pointer(Deque<String> path) {
        StringBuilder sb = new StringBuilder();
        var it = path.descendingIterator();
        while (it.hasNext()) {
            String s = it.next();
            sb.append('/').append(s.startsWith("#") ? s.substring(1) : s);
        }
        return sb.toString();
    }

    /**
     * RFC 6901: {@code ~} and {@code /} in a key. A key starting with {@code #} gets {@code ~2} instead, because the
     * path stack marks array positions with a leading {@code #}.
     */
    private static String escape(String name) {
        String e = name.replace("~", "~0").replace("/", "~1");
        return e.startsWith("#") ? "~2" + e.substring(1) : e;
    }
}
