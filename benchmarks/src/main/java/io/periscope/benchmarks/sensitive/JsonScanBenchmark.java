package io.periscope.benchmarks.sensitive;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.periscope.events.catalog.ParameterLocation;
import io.periscope.sensitive.SensitiveScanner;
import io.periscope.sensitive.json.JsonBodyScan;
import io.periscope.sensitive.json.JsonValueScanner;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Sensitive-data detection over a realistic 32 KiB JSON response (a page of 100 customer records: ids, names,
 * timestamps, nested addresses, tags, and on every tenth record an e-mail, a phone, a card number and an IBAN), µs per
 * body; MB/s = 32,768 / µs. {@code walk}: the byte-level {@link JsonValueScanner} alone (paths and values, a sink that
 * only consumes); {@code jacksonWalk}: the same walk with Jackson's streaming parser, for scale; {@code detect}: the
 * walk plus every detector discovery reports ({@link JsonBodyScan}), which is what the sensor runs past the published
 * cap of a large body.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx1g"})
public class JsonScanBenchmark {
    private byte[] body;
    private JsonValueScanner walker;
    private JsonBodyScan detect;
    private JsonFactory jackson;

    @Setup
    public void prepare() {
        body = customers(32 * 1024);
        walker = new JsonValueScanner(64, SensitiveScanner.MAX_VALUE_LENGTH);
        detect = new JsonBodyScan(SensitiveScanner.withDefaults("US", List.of()), 64);
        jackson = new JsonFactory();
    }

    /** Customer records until the document is {@code size} bytes long (closed just under it). */
    static byte[] customers(int size) {
        StringBuilder b = new StringBuilder("{\"page\":1,\"items\":[");
        String close = "],\"next\":\"/v1/customers?page=2\"}";
        for (int i = 0; ; i++) {
            StringBuilder r = new StringBuilder(i == 0 ? "" : ",");
            r.append("{\"id\":\"cus_").append(100_000 + i).append("\",\"name\":\"Customer ").append(i)
                    .append("\",\"created\":\"2024-03-").append(10 + i % 18).append("T10:15:00Z\",\"status\":\"")
                    .append(i % 7 == 0 ? "suspended" : "active").append("\",\"balance\":").append(i * 37 % 1000).append(".5")
                    .append(",\"address\":{\"street\":\"").append(i).append(" Market Street\",\"city\":\"Springfield\",\"zip\":\"")
                    .append(10_000 + i).append("\"},\"tags\":[\"retail\",\"tier-").append(i % 3).append("\"]");
            if (i % 10 == 9) {
                r.append(",\"email\":\"customer").append(i).append("@example.org\",\"phone\":\"+14155552671\"")
                        .append(",\"card\":\"4111111111111111\",\"iban\":\"DE89370400440532013000\"");
            }
            r.append('}');
            if (b.length() + r.length() + close.length() > size) {
                break;
            }
            b.append(r);
        }
        return b.append(close).toString().getBytes(StandardCharsets.UTF_8);
    }

    @Benchmark
    public JsonValueScanner.Result walk(Blackhole bh) {
        return walker.scan(body, 0, body.length, 0, (path, value) -> {
            bh.consume(path);
            bh.consume(value);
        });
    }

    @Benchmark
    public int jacksonWalk(Blackhole bh) throws IOException {
        int values = 0;
        try (JsonParser p = jackson.createParser(body)) {
            JsonToken t;
            while ((t = p.nextToken()) != null) {
                if (t == JsonToken.VALUE_STRING || t == JsonToken.VALUE_NUMBER_INT || t == JsonToken.VALUE_NUMBER_FLOAT) {
                    bh.consume(p.getParsingContext());
                    bh.consume(p.getText());
                    values++;
                }
            }
        }
        return values;
    }

    @Benchmark
    public JsonBodyScan.Outcome detect() {
        return detect.scan(ParameterLocation.RESPONSE_BODY, body, body.length, 0);
    }
}
