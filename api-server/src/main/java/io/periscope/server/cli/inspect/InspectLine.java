package io.periscope.server.cli.inspect;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.periscope.detection.signature.engine.SignatureFinding;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;

/**
 * One line of {@code periscope inspect} output: one input (a request, a capture's exchange, or a value) and every
 * detection in it. Absent fields are left out ({@link #toJson()}).
 *
 * @param input      1-based number of the input in the file (request, exchange or line)
 * @param kind       {@code request}, {@code exchange} or {@code value}
 * @param method     the request method (requests and exchanges)
 * @param path       the request path, at most 200 characters (requests and exchanges)
 * @param status     the response status (exchanges that had one)
 * @param detections every detection, most confident first
 */
record InspectLine(int input, String kind, String method, String path, Integer status, List<Detection> detections) {
    /** Finer than any threshold a user tunes, coarse enough to hide floating-point noise. */
    static final int CONFIDENCE_DECIMALS = 3;

    ObjectNode toJson() {
        ObjectNode line = JsonNodeFactory.instance.objectNode();
        line.put("input", input).put("kind", kind);
        if (method != null) {
            line.put("method", method);
        }
        if (path != null) {
            line.put("path", path);
        }
        if (status != null) {
            line.put("status", status);
        }
        var array = line.putArray("detections");
        for (Detection d : detections) {
            array.addObject().put("attackClass", d.attackClass()).put("location", d.location()).put("name", d.name())
                    .put("rule", d.rule()).put("evidence", d.evidence()).put("confidence", rounded(d.confidence()))
                    .put("outcome", d.outcome()).put("severity", d.severity());
        }
        return line;
    }

    /**
     * A confidence as people read it: three decimals, trailing zeros dropped ({@code 0.95}, not the
     * {@code 0.9500000000000001} that adding penalties and bonuses in binary floating point leaves).
     */
    static BigDecimal rounded(double confidence) {
        return BigDecimal.valueOf(confidence).setScale(CONFIDENCE_DECIMALS, RoundingMode.HALF_UP).stripTrailingZeros();
    }

    /** One detection as printed. */
    record Detection(String attackClass, String location, String name, String rule, String evidence, double confidence,
                     String outcome, String severity) {

        static Detection of(SignatureFinding f) {
            return new Detection(f.attackClass().name(), f.location().kind().name(), f.location().name(), f.rule(),
                    f.evidence(), f.confidence(), f.outcome().name(), f.severity().name());
        }
    }
}
