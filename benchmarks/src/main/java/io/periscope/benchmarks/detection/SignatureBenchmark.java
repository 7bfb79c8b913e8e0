package io.periscope.benchmarks.detection;

import io.periscope.detection.decode.Decoder;
import io.periscope.detection.signature.InputLocation;
import io.periscope.detection.signature.LocationKind;
import io.periscope.detection.signature.Match;
import io.periscope.detection.signature.ValueDetector;
import io.periscope.detection.signature.sql.SqlInjectionDetector;
import io.periscope.detection.signature.xss.XssDetector;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Cost per value of the SQL injection and XSS signatures on typical benign parameter values of REST traffic (ids,
 * names, e-mails, dates, search strings, JSON, a JWT, a user agent), decoding included: what the signature pass
 * spends on the overwhelming majority of what it sees. Reported per value (ns/op).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class SignatureBenchmark {

    private static final String[] BENIGN = {
        "12345",
        "a1b2c3d4-e5f6-7890-abcd-ef1234567890",
        "john.smith@example.com",
        "2024-01-15T10:30:00Z",
        "red running shoes size 42",
        "O'Brien",
        "select a plan for my team",
        "{\"name\":\"Alice\",\"age\":30,\"tags\":[\"a\",\"b\"]}",
        "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c",
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36",
        "name=John+Smith&city=S%C3%A3o+Paulo",
        "https://example.com/product/42?ref=home",
        "<b>Great</b> product, fits well",
        "price >= 10 & price <= 20",
        "en-US,en;q=0.9",
        "dGhpcyBpcyBhIGJhc2U2NCBzdHJpbmc=",
    };
    private static final InputLocation LOCATION = new InputLocation(LocationKind.QUERY_VALUE, "q");

    private final ValueDetector sqli = new SqlInjectionDetector();
    private final ValueDetector xss = new XssDetector();

    @Benchmark
    @OperationsPerInvocation(16)
    public void sqlInjection(Blackhole bh) {
        judge(sqli, bh);
    }

    @Benchmark
    @OperationsPerInvocation(16)
    public void xss(Blackhole bh) {
        judge(xss, bh);
    }

    @Benchmark
    @OperationsPerInvocation(16)
    public void decodeOnly(Blackhole bh) {
        for (String value : BENIGN) {
            bh.consume(Decoder.variants(value));
        }
    }

    private static void judge(ValueDetector detector, Blackhole bh) {
        for (String value : BENIGN) {
            List<String> forms = Decoder.variants(value);
            for (String form : forms) {
                Optional<Match> match = detector.inspect(form, LOCATION);
                bh.consume(match);
            }
        }
    }
}
