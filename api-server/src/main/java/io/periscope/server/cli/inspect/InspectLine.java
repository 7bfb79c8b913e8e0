package io.periscope.server.cli.inspect;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.periscope.detection.signature.engine.SignatureFinding;
import java.util.List;

/**
 * One line of {@code periscope inspect} output: one input (a request, a capture's exchange, or a value) and every
 * detection in it. Absent fields are left out.
 *
 * @param input      1-based number of the input in the file (request, exchange or line)
 * @param kind       {@code request}, {@code exchange} or {@code value}
 * @param method     the request method (requests and exchanges)
 * @param path       the request path, at most 200 characters (requests and exchanges)
 * @param status     the response status (exchanges that had one)
 * @param detections every detection, most confident first
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record InspectLine(int input, String kind, String method, String path, Integer status, List<Detection> detections) {

    /** One detection as printed. */
    record Detection(String attackClass, String location, String name, String rule, String evidence, double confidence,
                     String outcome, String severity) {

        static Detection of(SignatureFinding f) {
            return new Detection(f.attackClass().name(), f.location().kind().name(), f.location().name(), f.rule(),
                    f.evidence(), f.confidence(), f.outcome().name(), f.severity().name());
        }
    }
}
