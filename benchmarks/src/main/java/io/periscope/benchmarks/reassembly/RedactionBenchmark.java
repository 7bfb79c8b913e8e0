package io.periscope.benchmarks.reassembly;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.periscope.benchmarks.ThreadCpuTime;
import io.periscope.events.http.Body;
import io.periscope.events.http.Credential;
import io.periscope.events.http.Header;
import io.periscope.reassembly.ReassemblyConfig;
import io.periscope.reassembly.ReassemblyMetrics;
import io.periscope.reassembly.ReassemblySinkFactory;
import io.periscope.reassembly.enrich.CredentialRedactor;
import io.periscope.reassembly.redact.BodyRedactor;
import io.periscope.reassembly.redact.MessageRedactions;
import io.periscope.reassembly.redact.ValueRedactor;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Redaction of typical bodies by one worker (ns per body): a sign-in request (JSON with a password), a
 * sign-in response issuing a JWT, a 1.6 KB customer listing without secrets (the common case: nothing
 * changes, the body is published as it came), a listing with personal data to mask, a form login, and the most
 * common body of the generated capture ({@code SyntheticCapture}): a page of 20 products with prose descriptions;
 * also the capture's user profile (an e-mail and a phone) and a request's header section with a bearer JWT.
 * Beside JMH's wall-clock score each iteration prints the CPU time of the benchmark thread per body, which the
 * neighbours on a shared machine do not change.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx1g"})
public class RedactionBenchmark {
    private BodyRedactor bodies;
    private Body signIn;
    private Body issued;
    private Body plainListing;
    private Body personalListing;
    private Body form;
    private Body products;
    private Body userProfile;
    private CredentialRedactor headers;
    private int tokenIndex;
    private String[] tokens;
    private final ThreadCpuTime cpu = new ThreadCpuTime();
    private long bodiesRedacted;

    @Setup
    public void prepare() {
        QuietLogs.apply();
        ReassemblyConfig config = ReassemblyConfig.builder("benchmark-secret-0123456789".getBytes(StandardCharsets.UTF_8)).build();
        ReassemblyMetrics metrics = new ReassemblyMetrics(new SimpleMeterRegistry());
        ValueRedactor values = ReassemblySinkFactory.values(config, metrics);
        bodies = new BodyRedactor(values, metrics, config);
        headers = new CredentialRedactor(values, config.apiKeyHeaders(), config.apiKeyQueryParameters(),
                config.sessionCookieNames(), config.allCookiesAreCredentials());
        String jwt = b64("{\"alg\":\"RS256\",\"typ\":\"JWT\"}") + "." + b64("{\"sub\":\"user-42\",\"exp\":1900000000}")
                + ".c2lnbmF0dXJlLWJ5dGVzLWZvci10aGUtYmVuY2htYXJr";
        signIn = json("{\"email\":\"ada@example.org\",\"password\":\"Winter2024!\",\"remember\":true}");
        issued = json("{\"accessToken\":\"" + jwt + "\",\"tokenType\":\"Bearer\",\"expiresIn\":3600}");
        StringBuilder plain = new StringBuilder("{\"items\":[");
        StringBuilder personal = new StringBuilder("{\"items\":[");
        for (int i = 0; i < 12; i++) {
            plain.append(i == 0 ? "" : ",").append("{\"id\":").append(1000 + i).append(",\"status\":\"active\",\"plan\":\"pro\",")
                    .append("\"created\":\"2024-01-02T10:00:00Z\",\"tags\":[\"a\",\"b\"],\"score\":").append(i).append(".5}");
            personal.append(i == 0 ? "" : ",").append("{\"id\":").append(1000 + i).append(",\"email\":\"user").append(i)
                    .append("@example.org\",\"phone\":\"+14155552671\",\"card\":\"4111111111111111\",\"status\":\"active\"}");
        }
        plainListing = json(plain.append("]}").toString());
        personalListing = json(personal.append("]}").toString());
        byte[] f = "username=ada&password=Winter2024%21&remember=on&next=%2Fhome".getBytes(StandardCharsets.UTF_8);
        form = new Body(f, f.length, f.length, false, "application/x-www-form-urlencoded", List.of(), false);
        Random random = new Random(1);
        StringBuilder page = new StringBuilder("{\"items\":[");
        for (int i = 0; i < 20; i++) {
            long id = 1000 + random.nextInt(90_000);
            page.append(i == 0 ? "" : ",").append("{\"id\":").append(id).append(",\"name\":\"Widget ")
                    .append(Long.toString(id, 36)).append("\",\"price\":{\"amount\":").append(random.nextInt(99_999) / 100.0)
                    .append(",\"currency\":\"EUR\"},\"stock\":").append(random.nextInt(500))
                    .append(",\"tags\":[\"hardware\",\"tools\"],\"description\":\"A dependable widget for everyday use, batch ")
                    .append(Long.toHexString(random.nextLong())).append(".\"}");
        }
        products = json(page.append("],\"next\":\"/api/v1/products?page=2\"}").toString());
        userProfile = json("{\"id\":4711,\"name\":\"Grace Hopper\",\"email\":\"grace.hopper4711@mail.example\","
                + "\"phone\":\"+1 415 555 3907\",\"created\":\"2025-04-13T10:00:00Z\"}");
        // 64 clients' tokens in turn, as a worker sees keep-alive connections interleaved
        tokens = new String[64];
        for (int i = 0; i < tokens.length; i++) {
            tokens[i] = b64("{\"alg\":\"RS256\",\"kid\":\"k1\"}") + "." + b64("{\"sub\":\"user-" + i
                    + "\",\"iss\":\"https://id.shop.example\",\"exp\":1900000000}") + ".c2lnbmF0dXJlLWJ5dGVzLTAxMjM0NTY3ODk";
        }
    }

    @Setup(Level.Iteration)
    public void startClock() {
        bodiesRedacted = 0;
        cpu.start();
    }

    @TearDown(Level.Iteration)
    public void printCpu() {
        System.out.printf("  [%,.0f CPU-ns per body]%n", 1e9 / cpu.perCpuSecond(bodiesRedacted));
    }

    private static String b64(String s) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    private static Body json(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        return new Body(b, b.length, b.length, false, "application/json", List.of(), false);
    }

    private Body redact(Body b, Credential.Direction d) {
        bodiesRedacted++;
        return bodies.redact(new MessageRedactions(d), b, b.contentType());
    }

    @Benchmark
    public Body signInRequestJson() {
        return redact(signIn, Credential.Direction.REQUEST);
    }

    @Benchmark
    public Body signInResponseIssuingJwt() {
        return redact(issued, Credential.Direction.RESPONSE);
    }

    @Benchmark
    public Body listingWithoutSecrets() {
        return redact(plainListing, Credential.Direction.RESPONSE);
    }

    @Benchmark
    public Body listingWithPersonalData() {
        return redact(personalListing, Credential.Direction.RESPONSE);
    }

    @Benchmark
    public Body productPage() {
        return redact(products, Credential.Direction.RESPONSE);
    }

    /** The generated capture's user profile: an e-mail and a phone to mask, a timestamp to judge. */
    @Benchmark
    public Body userProfile() {
        return redact(userProfile, Credential.Direction.RESPONSE);
    }

    /**
     * A request's header section as the generated capture's clients send it: a bearer JWT (one of 64 clients'),
     * a request id, the usual fields; counted as one body.
     */
    @Benchmark
    public CredentialRedactor.RedactedRequest requestHeaders() {
        bodiesRedacted++;
        String token = tokens[tokenIndex++ & (tokens.length - 1)];
        List<Header> h = List.of(new Header("Host", "api.shop.example"), new Header("User-Agent", "okhttp/4.12.0"),
                new Header("Accept", "application/json"), new Header("Accept-Encoding", "gzip"),
                new Header("Authorization", "Bearer " + token), new Header("X-Request-Id", "3f9k2x-" + tokenIndex));
        return headers.request(new MessageRedactions(Credential.Direction.REQUEST), "/api/v1/products?page=3&limit=20", h);
    }

    @Benchmark
    public Body formLogin() {
        return redact(form, Credential.Direction.REQUEST);
    }
}
