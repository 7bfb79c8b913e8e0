package io.periscope.server.cli.inspect;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import io.periscope.detection.signature.InputLocation;
import io.periscope.detection.signature.LocationKind;
import io.periscope.detection.signature.engine.SignatureEngine;
import io.periscope.detection.signature.engine.SignatureFinding;
import io.periscope.events.http.Connection;
import io.periscope.events.http.HttpExchange;
import io.periscope.events.http.HttpRequest;
import io.periscope.events.http.MirrorSource;
import io.periscope.events.http.Timings;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code periscope inspect FILE}: runs the signature detectors of the detection stage outside the pipeline, on raw
 * HTTP/1.1 requests (default), on one parameter value per line ({@code --values}), or on a capture ({@code --pcap}),
 * and prints one JSON line per input with every detection. For testing a payload, tuning a detector, or measuring one
 * against a corpus.
 */
@Command(name = "inspect", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Runs Periscope's signature detectors on a file and prints one JSON line per input.",
                "FILE holds raw HTTP/1.1 requests as sent on the wire (one or more), or with --values one parameter",
                "value per line, or with --pcap a pcap/pcapng capture (gzip or not)."})
public final class InspectCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "the requests, values or capture to inspect")
    Path file;

    @Option(names = "--values", description = "FILE holds one parameter value per line")
    boolean values;

    @Option(names = "--pcap", description = "FILE is a pcap or pcapng capture")
    boolean pcap;

    @Option(names = "--name", paramLabel = "NAME", defaultValue = "value",
            description = "with --values: the query parameter name the values are judged under (default: ${DEFAULT-VALUE}; "
                    + "some detectors weigh it, e.g. 'next' for open redirects)")
    String name;

    @Option(names = "--only-detections", description = "print only inputs with at least one detection")
    boolean onlyDetections;

    private static final ObjectWriter JSON = new ObjectMapper().writer();

    @Override
    public Integer call() throws IOException, InterruptedException {
        if (values && pcap) {
            throw new ParameterException(spec.commandLine(), "give either --values or --pcap, not both");
        }
        if (!Files.isReadable(file)) {
            throw new ParameterException(spec.commandLine(), "cannot read " + file);
        }
        SignatureEngine engine = SignatureEngine.withDefaults();
        PrintWriter out = spec.commandLine().getOut();
        if (values) {
            InputLocation location = new InputLocation(LocationKind.QUERY_VALUE, name);
            try (BufferedReader lines = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                int n = 0;
                String line;
                while ((line = lines.readLine()) != null) {
                    n++;
                    print(out, new InspectLine(n, "value", null, null, null, detections(engine.inspectValue(line, location))));
                }
            }
        } else if (pcap) {
            int n = 0;
            for (HttpExchange e : CaptureExchanges.read(file)) {
                n++;
                HttpRequest r = e.request();
                print(out, new InspectLine(n, "exchange", r == null ? null : r.method(), r == null ? null : shortPath(r.path()),
                        e.response() == null ? null : e.response().status(), detections(engine.inspect(e))));
            }
        } else {
            int n = 0;
            for (HttpRequest r : RawRequestReader.read(Files.readAllBytes(file))) {
                n++;
                print(out, new InspectLine(n, "request", r.method(), shortPath(r.path()), null,
                        detections(engine.inspect(exchange(r, n)))));
            }
        }
        out.flush();
        return 0;
    }

    private void print(PrintWriter out, InspectLine line) {
        if (onlyDetections && line.detections().isEmpty()) {
            return;
        }
        try {
            out.println(JSON.writeValueAsString(line.toJson()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<InspectLine.Detection> detections(List<SignatureFinding> findings) {
        return findings.stream().sorted(Comparator.comparingDouble(SignatureFinding::confidence).reversed())
                .map(InspectLine.Detection::of).toList();
    }

    private static String shortPath(String path) {
        return path == null || path.length() <= 200 ? path : path.substring(0, 200);
    }

    /** A request read from a file as an exchange without a response, from a client the file does not name. */
    private static HttpExchange exchange(HttpRequest request, int n) {
        List<String> hosts = request.headerValues("Host");
        String host = hosts.isEmpty() ? "unknown" : hosts.get(0).toLowerCase(java.util.Locale.ROOT);
        return new HttpExchange(HttpExchange.SCHEMA_VERSION, "inspect-" + n, new MirrorSource("inspect", -1, "inspect"),
                new Connection("inspect-" + n, "0.0.0.0", 0, "0.0.0.0", 0), "0.0.0.0", null, host, request, null,
                new Timings(0, 0, 0, 0), Set.of(), List.of());
    }
}
