package io.periscope.reassembly.redact;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.periscope.events.http.Body;
import io.periscope.events.http.Credential;
import io.periscope.events.http.Header;
import io.periscope.reassembly.ReassemblyConfig;
import io.periscope.reassembly.ReassemblyMetrics;
import io.periscope.reassembly.ReassemblySinkFactory;
import io.periscope.reassembly.enrich.CredentialRedactor;
import io.periscope.reassembly.support.Harness;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Consumer;

/** The redaction stage of one worker as the sink factory wires it, with real counters. */
final class Redaction {
    final ReassemblyMetrics metrics = new ReassemblyMetrics(new SimpleMeterRegistry());
    final CredentialRedactor headers;
    final BodyRedactor bodies;
    final ValueRedactor values;

    Redaction() {
        this(b -> { });
    }

    Redaction(Consumer<ReassemblyConfig.Builder> tweak) {
        ReassemblyConfig.Builder b = ReassemblyConfig.builder(Harness.SECRET);
        tweak.accept(b);
        ReassemblyConfig config = b.build();
        values = ReassemblySinkFactory.values(config, metrics);
        headers = new CredentialRedactor(values, config.apiKeyHeaders(), config.apiKeyQueryParameters(),
                config.sessionCookieNames(), config.allCookiesAreCredentials());
        bodies = new BodyRedactor(values, metrics, config);
    }

    static MessageRedactions request() {
        return new MessageRedactions(Credential.Direction.REQUEST);
    }

    static MessageRedactions response() {
        return new MessageRedactions(Credential.Direction.RESPONSE);
    }

    /** The published body text of {@code content} sent as {@code contentType}. */
    String body(MessageRedactions m, String contentType, String content) {
        return new String(bodyOf(m, contentType, content.getBytes(StandardCharsets.UTF_8)).content(), StandardCharsets.UTF_8);
    }

    Body bodyOf(MessageRedactions m, String contentType, byte[] content) {
        String mediaType = contentType == null ? null : contentType.split(";")[0].trim();
        Body b = new Body(content, content.length, content.length, false, mediaType, List.of(), false);
        return bodies.redact(m, b, contentType);
    }

    List<Header> requestHeaders(MessageRedactions m, Header... h) {
        return headers.request(m, "/", List.of(h)).headers();
    }
}
