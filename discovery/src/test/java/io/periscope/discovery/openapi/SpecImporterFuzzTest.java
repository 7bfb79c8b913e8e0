package io.periscope.discovery.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.periscope.discovery.catalog.CatalogEngine;
import io.periscope.discovery.catalog.DiscoveryConfig;
import io.periscope.discovery.catalog.DiscoveryMetrics;
import io.periscope.discovery.testing.ExchangeBuilder;
import io.periscope.discovery.testing.RecordingOutput;
import io.periscope.events.catalog.EndpointSnapshot;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;

/**
 * Fuzzes the importer and the differ with malformed, huge, deeply nested and hostile documents: each input must
 * give a diff or a clean {@link SpecImportException} with a message of our own, within a few seconds, and never
 * reach the network. The token {@code URL} in an input becomes the address of a loopback HTTP server that counts
 * requests; the seeds put it in every place a reference or URL may appear.
 *
 * <p>Without {@code JAZZER_FUZZ=1} this runs the seed inputs in {@code SpecImporterFuzzTestInputs} (the default
 * test run, a second or two); with it, it fuzzes for {@code maxDuration}:
 * {@code JAZZER_FUZZ=1 mvn -pl discovery -am test -Dtest=SpecImporterFuzzTest -Dsurefire.failIfNoSpecifiedTests=false}.
 */
class SpecImporterFuzzTest {
    /** Smaller than the defaults so the fuzzer reaches the bounds with short inputs; same code paths. */
    private static final SpecBounds BOUNDS = new SpecBounds(256 * 1024, 64, 20, 100_000);
    private static final Duration PER_INPUT = Duration.ofSeconds(10);
    private static final Pattern OUR_MESSAGES =
            Pattern.compile("(?s)(the document |invalid API document: |not an OpenAPI 3.x or Swagger 2 document|the import was stopped).*");
    private static final AtomicInteger FETCHES = new AtomicInteger();
    private static final HttpServer ORIGIN = origin();
    private static final String BASE = "http://127.0.0.1:" + ORIGIN.getAddress().getPort();
    private static final List<EndpointSnapshot> OBSERVED = observed();

    private final SpecImporter importer = new SpecImporter(BOUNDS);
    private final SpecDiffer differ = new SpecDiffer();

    @FuzzTest(maxDuration = "5m")
    void anyDocumentGivesADiffOrACleanRejectionAndNothingIsFetched(byte[] input) {
        String document = new String(input, StandardCharsets.UTF_8).replace("URL", BASE);
        long start = System.nanoTime();
        try {
            SpecDiff diff = differ.diff(importer.parse(document), OBSERVED);
            assertThat(diff.unfollowedReferences()).hasSizeLessThanOrEqualTo(SpecImporter.MAX_LISTED_REFS);
        } catch (SpecImportException e) {
            // Every message is one of ours (validation messages after "invalid API document:" may quote the
            // document, its URLs too); never a fetch's or a parser's own error text.
            assertThat(e.getMessage()).hasSizeLessThan(2_000).matches(OUR_MESSAGES).doesNotContainIgnoringCase("unable to load");
        }
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(PER_INPUT);
        assertThat(FETCHES.get()).as("requests to the loopback origin").isZero();
    }

    @AfterAll
    static void stopOrigin() {
        ORIGIN.stop(0);
    }

    private static HttpServer origin() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext("/", exchange -> {
                FETCHES.incrementAndGet();
                exchange.sendResponseHeaders(200, -1);
                exchange.close();
            });
            server.start();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A few observed endpoints, so documented operations match and the differ's drift code runs. */
    private static List<EndpointSnapshot> observed() {
        CatalogEngine engine = new CatalogEngine(DiscoveryConfig.defaults(), new DiscoveryMetrics(new SimpleMeterRegistry()), InstantSource.system());
        RecordingOutput out = new RecordingOutput();
        engine.accept(ExchangeBuilder.request("GET", "/a?lang=en").host("fuzz.example.test")
                .respondJson("{\"id\":1,\"items\":[{\"sku\":\"x\"}]}").build(), out);
        engine.accept(ExchangeBuilder.request("POST", "/api/orders").host("fuzz.example.test")
                .jsonBody("{\"productId\":1,\"shipping\":{\"city\":\"x\"}}").status(201).respondJson("{\"orderId\":\"o\"}").build(), out);
        engine.accept(ExchangeBuilder.request("GET", "/b/7").host("fuzz.example.test").status(404).build(), out);
        engine.flush(1_700_000_100_000_000L, out);
        return new ArrayList<>(out.endpoints.values());
    }
}
