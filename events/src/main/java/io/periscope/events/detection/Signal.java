package io.periscope.events.detection;

import io.periscope.events.Versioned;
import java.util.Objects;

/**
 * One detection: a signature match in one request, or a behaviour over many. Published to {@code periscope.signals}
 * keyed by {@link #actorId()}, so that everything one actor did lands on one partition in order.
 *
 * @param schemaVersion   {@link #SCHEMA_VERSION}
 * @param id              unique, stable id (a replayed exchange yields the same id, so consumers can dedupe)
 * @param actorId         the actor the signal is attributed to (see {@link Actor#id()})
 * @param detector        signature or behaviour
 * @param type            the attack type: an {@code AttackClass} name for signatures ({@code SQL_INJECTION}), a
 *                        behaviour name otherwise ({@code BOLA}, {@code CREDENTIAL_STUFFING}, ...; docs/detection.md)
 * @param severity        how bad, outcome included
 * @param confidence      0..1
 * @param outcome         what the answer says about the attempt
 * @param principals      who sent it
 * @param serviceKey      the service, null for a signal spanning services
 * @param endpointId      the catalog endpoint id, null when not known
 * @param method          the request method, null for behaviour across methods
 * @param path            the request path template or (masked) path
 * @param exchangeId      the exchange that triggered it, null for a behaviour
 * @param location        where in the request ({@code QUERY_VALUE id}, {@code HEADER User-Agent}), null for a behaviour
 * @param evidence        masked, decoded evidence (at most {@link #MAX_EVIDENCE} characters)
 * @param explanation     why: the rule, or the baseline, observed value and threshold of a behaviour
 * @param eventTimeMicros capture time (packet timestamp) of the request that completed the detection
 */
public record Signal(
        int schemaVersion,
        String id,
        String actorId,
        Detector detector,
        String type,
        Severity severity,
        double confidence,
        Outcome outcome,
        Principals principals,
        String serviceKey,
        String endpointId,
        String method,
        String path,
        String exchangeId,
        String location,
        String evidence,
        String explanation,
        long eventTimeMicros) implements Versioned {

    public static final int SCHEMA_VERSION = 1;
    public static final int MAX_EVIDENCE = 200;

    public Signal {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(actorId, "actorId");
        Objects.requireNonNull(detector, "detector");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(outcome, "outcome");
        if (confidence < 0 || confidence > 1 || Double.isNaN(confidence)) {
            throw new IllegalArgumentException("confidence must be within 0..1, was " + confidence);
        }
        if (evidence != null && evidence.length() > MAX_EVIDENCE) {
            evidence = evidence.substring(0, MAX_EVIDENCE);
        }
    }
}
