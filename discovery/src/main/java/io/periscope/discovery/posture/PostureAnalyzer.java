package io.periscope.discovery.posture;

import io.periscope.sensitive.SensitiveHit;
import io.periscope.events.catalog.FindingType;
import io.periscope.events.catalog.ParameterLocation;
import io.periscope.events.http.Credential;
import io.periscope.events.http.HttpExchange;
import io.periscope.events.http.JwtInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Evaluates the posture rules on one exchange and its detected sensitive data. Stateless. */
public final class PostureAnalyzer {
    /** Types that are credentials: in a URL they are a credential leak, not just sensitive data. */
    static final Set<String> CREDENTIAL_TYPES = Set.of("password", "secret", "jwt", "aws_access_key_id", "aws_secret_key", "private_key");
    /** Types too common in responses to mean anything about authentication (addresses of peers). */
    static final Set<String> NOT_PERSONAL = Set.of("ip_address");

    public List<FindingCandidate> evaluate(HttpExchange ex, List<SensitiveHit> requestHits, List<SensitiveHit> responseHits) {
        List<FindingCandidate> out = new ArrayList<>(0);
        List<Credential> presented = ex.authenticationCredentials();
        for (Credential c : presented) {
            if (c.location() == Credential.Location.QUERY) {
                out.add(new FindingCandidate(FindingType.CREDENTIAL_IN_URL, "QUERY " + c.name(),
                        c.name() + "=[redacted " + c.scheme() + "]"));
            }
            JwtInfo jwt = c.jwt();
            if (jwt != null) {
                String where = c.location() + " " + c.name();
                if ("none".equalsIgnoreCase(jwt.alg())) {
                    out.add(new FindingCandidate(FindingType.JWT_ALG_NONE, where, "JWT header alg=" + jwt.alg()));
                } else if (jwt.exp() == null) {
                    out.add(new FindingCandidate(FindingType.JWT_WITHOUT_EXPIRY, where,
                            "JWT alg=" + jwt.alg() + " without exp claim" + (jwt.iss() == null ? "" : ", iss=" + jwt.iss())));
                }
            }
        }
        for (SensitiveHit h : requestHits) {
            if (h.location() == ParameterLocation.QUERY || h.location() == ParameterLocation.PATH) {
                FindingType t = CREDENTIAL_TYPES.contains(h.type()) ? FindingType.CREDENTIAL_IN_URL : FindingType.SENSITIVE_DATA_IN_URL;
                if (!NOT_PERSONAL.contains(h.type())) {
                    out.add(new FindingCandidate(t, h.location() + " " + h.field() + " " + h.type(), h.field() + "=" + h.masked()));
                }
            }
        }
        boolean success = ex.response() != null && ex.response().status() >= 200 && ex.response().status() < 300;
        if (presented.isEmpty() && success) {
            for (SensitiveHit h : responseHits) {
                if (!NOT_PERSONAL.contains(h.type())) {
                    out.add(new FindingCandidate(FindingType.SENSITIVE_DATA_WITHOUT_AUTH,
                            h.location() + " " + h.field() + " " + h.type(), h.field() + "=" + h.masked()));
                }
            }
        }
        // stack traces come with error statuses; reading every successful body for them would cost the hot path
        if (ex.response() != null && ex.response().status() >= 400) {
            String trace = StackTraceDetector.find(ex.response().body().content());
            if (trace != null) {
                out.add(new FindingCandidate(FindingType.STACK_TRACE_IN_RESPONSE, "RESPONSE_BODY status " + ex.response().status(), trace));
            }
        }
        return out;
    }
}
