package io.periscope.sensitive;

import java.util.Optional;

/** A JSON Web Token whose header decodes to a JSON object with an {@code alg} (see {@link JwtInspector}). */
public final class JwtDetector implements Detector {
    @Override
    public String type() {
        return "jwt";
    }

    @Override
    public double confidence(FieldName name, String value) {
        return JwtInspector.inspect(value).isPresent() ? 0.95 : 0;
    }

    @Override
    public String mask(String value) {
        Optional<JwtInspector.JwtFacts> facts = JwtInspector.inspect(value);
        return "[jwt alg=" + facts.map(JwtInspector.JwtFacts::alg).orElse("?") + ", " + value.length() + " chars]";
    }
}
