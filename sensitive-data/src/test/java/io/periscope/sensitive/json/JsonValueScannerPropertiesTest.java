package io.periscope.sensitive.json;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/**
 * Random documents written by Jackson (escapes, non-ASCII, nesting, white space or none): the scanner reports exactly
 * the string and number values of the document, in order, with discovery's paths, and every prefix of a document
 * ends as truncated without an exception.
 */
class JsonValueScannerPropertiesTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String[] NAMES = {"id", "email", "a.b", "q\"uote", "back\\slash", "ünï", "", "card number", "\t"};

    private record Value(String path, String value) {
    }

    private static Object document(Random r, int depth) {
        int kind = depth >= 6 ? 2 + r.nextInt(3) : r.nextInt(5);
        switch (kind) {
            case 0 -> {
                Map<String, Object> m = new LinkedHashMap<>();
                for (int i = r.nextInt(5); i > 0; i--) {
                    m.put(NAMES[r.nextInt(NAMES.length)] + (r.nextBoolean() ? "" : Integer.toString(i)), document(r, depth + 1));
                }
                return m;
            }
            case 1 -> {
                List<Object> l = new ArrayList<>();
                for (int i = r.nextInt(5); i > 0; i--) {
                    l.add(document(r, depth + 1));
                }
                return l;
            }
            case 2 -> {
                return r.nextInt(10) == 0 ? (Object) r.nextBoolean() : r.nextInt(5) == 0 ? null : (Object) r.nextLong();
            }
            default -> {
                StringBuilder s = new StringBuilder();
                for (int i = r.nextInt(30); i > 0; i--) {
                    int c = r.nextInt(8);
                    s.append(switch (c) {
                        case 0 -> '"';
                        case 1 -> '\\';
                        case 2 -> (char) r.nextInt(0x20);
                        case 3 -> (char) (0x80 + r.nextInt(0x700));
                        case 4 -> "\uD83D\uDE00";
                        default -> (char) ('a' + r.nextInt(26));
                    });
                }
                return s.toString();
            }
        }
    }

    private static void expected(Object node, String path, List<Value> out) {
        if (node instanceof Map<?, ?> m) {
            m.forEach((k, v) -> expected(v, path + "." + k, out));
        } else if (node instanceof List<?> l) {
            l.forEach(v -> expected(v, path + "[*]", out));
        } else if (node instanceof String s) {
            if (!s.isEmpty()) {
                out.add(new Value(path, s));
            }
        } else if (node instanceof Long n) {
            out.add(new Value(path, Long.toString(n)));
        }
    }

    @Property(tries = 300)
    void reportsExactlyTheValuesOfTheDocumentWithTheirPaths(@ForAll long seed) throws Exception {
        Random r = new Random(seed);
        Object doc = document(r, 0);
        String json = r.nextBoolean() ? MAPPER.writeValueAsString(doc) : MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(doc);
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        List<Value> want = new ArrayList<>();
        expected(doc, "$", want);
        List<Value> got = new ArrayList<>();
        JsonValueScanner scanner = new JsonValueScanner(64, 8192);
        JsonValueScanner.Result result = scanner.scan(bytes, 0, bytes.length, 0, (p, v) -> got.add(new Value(p, v)));
        assertThat(result.stop()).isEqualTo(JsonValueScanner.Stop.COMPLETE);
        assertThat(got).isEqualTo(want);
        for (int n = 0; n < bytes.length; n += 1 + r.nextInt(7)) {
            JsonValueScanner.Result cut = scanner.scan(bytes, 0, n, 0, (p, v) -> { });
            assertThat(cut.stop()).isNotEqualTo(JsonValueScanner.Stop.MALFORMED);
        }
    }
}
