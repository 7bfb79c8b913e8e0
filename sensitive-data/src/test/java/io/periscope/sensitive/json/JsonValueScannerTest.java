package io.periscope.sensitive.json;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class JsonValueScannerTest {
    private final JsonValueScanner scanner = new JsonValueScanner(8, 64);

    private record Value(String path, String value) {
    }

    private List<Value> values = new ArrayList<>();

    private JsonValueScanner.Result scan(String json) {
        return scan(json.getBytes(StandardCharsets.UTF_8), 0);
    }

    private JsonValueScanner.Result scan(byte[] json, int reportFrom) {
        values = new ArrayList<>();
        return scanner.scan(json, 0, json.length, reportFrom, (p, v) -> values.add(new Value(p, v)));
    }

    @Test
    void reportsStringAndNumberValuesByDiscoveryPath() {
        JsonValueScanner.Result r = scan("""
                {"user": {"email": "a@b.example", "age": 42, "ok": true, "none": null},
                 "items": [{"sku": "x1", "price": 1.5e3}, {"sku": "x2"}], "tags": ["a", ["b"]]}
                """);
        assertThat(r.stop()).isEqualTo(JsonValueScanner.Stop.COMPLETE);
        assertThat(values).containsExactly(new Value("$.user.email", "a@b.example"), new Value("$.user.age", "42"),
                new Value("$.items[*].sku", "x1"), new Value("$.items[*].price", "1.5e3"), new Value("$.items[*].sku", "x2"),
                new Value("$.tags[*]", "a"), new Value("$.tags[*][*]", "b"));
    }

    @Test
    void rootArraysAndScalarsHaveDiscoveryPaths() {
        scan("[{\"id\": 1}, 2]");
        assertThat(values).containsExactly(new Value("$[*].id", "1"), new Value("$[*]", "2"));
        scan("\"4111111111111111\"");
        assertThat(values).containsExactly(new Value("$", "4111111111111111"));
    }

    @Test
    void numbersAndNumbersAsStringsAreBothReported() {
        scan("{\"card\": 4111111111111111, \"pan\": \"4111111111111111\"}");
        assertThat(values).containsExactly(new Value("$.card", "4111111111111111"), new Value("$.pan", "4111111111111111"));
    }

    @Test
    void escapesAreUndoneInValuesAndNames() {
        scan("{\"e\\u006dail\": \"a\\u0040b.example\\n\\\"q\\\"\", \"bad\": \"\\uZZZZ\"}");
        assertThat(values).containsExactly(new Value("$.email", "a@b.example\n\"q\""), new Value("$.bad", "\\uZZZZ"));
    }

    @Test
    void invalidUtf8DecodesToReplacementCharactersAndTheWalkGoesOn() {
        byte[] json = {'{', '"', 'a', '"', ':', '"', (byte) 0xC3, (byte) 0x28, 'x', '"', ',', '"', 'b', '"', ':', '1', '}'};
        JsonValueScanner.Result r = scan(json, 0);
        assertThat(r.stop()).isEqualTo(JsonValueScanner.Stop.COMPLETE);
        assertThat(values).containsExactly(new Value("$.a", "\uFFFD(x"), new Value("$.b", "1"));
    }

    @Test
    void nestingPastTheBoundIsWalkedWithACounterAndItsValuesStillReported() {
        int depth = 200_000;
        String json = "{\"a\":" + "[".repeat(depth) + "\"deep@x.example\"" + "]".repeat(depth) + ",\"after\":\"z\"}";
        JsonValueScanner.Result r = scan(json);
        assertThat(r.stop()).isEqualTo(JsonValueScanner.Stop.COMPLETE);
        assertThat(r.deepestSkipped()).isTrue();
        assertThat(values).extracting(Value::value).containsExactly("deep@x.example", "z");
        assertThat(values.get(1).path()).isEqualTo("$.after");
    }

    @Test
    void stringsLongerThanTheBoundAreSkippedWithoutDecoding() {
        String huge = "9".repeat(5_000_000);
        JsonValueScanner.Result r = scan("{\"blob\": \"" + huge + "\", \"after\": \"4111111111111111\"}");
        assertThat(r.stop()).isEqualTo(JsonValueScanner.Stop.COMPLETE);
        assertThat(values).containsExactly(new Value("$.after", "4111111111111111"));
    }

    @Test
    void aCutDocumentReportsTheValuesBeforeTheCut() {
        JsonValueScanner.Result r = scan("{\"a\": \"x@y.example\", \"b\": [1, 2, \"unfinish");
        assertThat(r.stop()).isEqualTo(JsonValueScanner.Stop.TRUNCATED);
        assertThat(values).extracting(Value::value).containsExactly("x@y.example", "1", "2");
        r = scan("{\"a\": [1, 23");
        assertThat(r.stop()).as("a number at the cut may go on").isEqualTo(JsonValueScanner.Stop.TRUNCATED);
        assertThat(values).extracting(Value::value).containsExactly("1");
    }

    @Test
    void malformedJsonStopsWhereTheGrammarBreaks() {
        JsonValueScanner.Result r = scan("{\"a\": \"x\" \"b\": 1}");
        assertThat(r.stop()).isEqualTo(JsonValueScanner.Stop.MALFORMED);
        assertThat(r.end()).isEqualTo(10);
        assertThat(values).containsExactly(new Value("$.a", "x"));
        assertThat(scan("{\"a\" 1}").stop()).isEqualTo(JsonValueScanner.Stop.MALFORMED);
        assertThat(scan("[1}").stop()).isEqualTo(JsonValueScanner.Stop.MALFORMED);
        assertThat(scan("{1:2}").stop()).isEqualTo(JsonValueScanner.Stop.MALFORMED);
    }

    @Test
    void valuesEndingBeforeReportFromAreNotReported() {
        byte[] json = "{\"a\": \"first\", \"b\": \"second\"}".getBytes(StandardCharsets.UTF_8);
        scan(json, 15);
        assertThat(values).containsExactly(new Value("$.b", "second"));
    }

    @Test
    void repeatedRecordsShareOnePathInstancePerField() {
        scan("[{\"id\": \"a\"}, {\"id\": \"b\"}, {\"id\": \"c\"}]");
        assertThat(values).hasSize(3);
        assertThat(values.get(0).path()).isSameAs(values.get(2).path());
    }

    @Test
    void everyPrefixOfADocumentEndsWithoutAnException() {
        byte[] json = "{\"a\":[{\"b\":\"c\\\"d\",\"n\":-1.5},true,null],\"e\":{\"f\":\"\\u00e9\"}}".getBytes(StandardCharsets.UTF_8);
        for (int n = 0; n <= json.length; n++) {
            values = new ArrayList<>();
            JsonValueScanner.Result r = scanner.scan(json, 0, n, 0, (p, v) -> values.add(new Value(p, v)));
            assertThat(r.stop()).isEqualTo(n == json.length ? JsonValueScanner.Stop.COMPLETE : JsonValueScanner.Stop.TRUNCATED);
        }
    }
}
