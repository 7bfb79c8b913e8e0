package io.periscope.detection.behaviour;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonIgnore;
import io.periscope.analytics.decay.DecayedCounter;
import io.periscope.analytics.decay.HalfLife;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * What one actor normally does, over a long horizon in constant space: its request and error rates as decayed
 * counters (half-life {@link #HALF_LIFE}: a month-old burst weighs 1/2^4, so the horizon is about 30 days), the
 * number of windows it was seen in (its own warm-up), and what its JWTs carried before (alg, kid, issuer per
 * subject, at most {@value #MAX_SUBJECTS} subjects).
 */
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
public final class ActorBaseline {
    static final HalfLife HALF_LIFE = HalfLife.of(Duration.ofDays(7));
    static final int MAX_SUBJECTS = 8;

    long windows;
    byte[] requestRate;
    byte[] errorRate;
    Map<String, JwtSeen> jwtBySubject = new HashMap<>();

    @JsonIgnore
    private DecayedCounter requests;
    @JsonIgnore
    private DecayedCounter errors;

    /** The header and issuer a subject's tokens carried. */
    record JwtSeen(String alg, String kid, String iss) {
    }

    DecayedCounter requests() {
        if (requests == null) {
            requests = requestRate == null ? new DecayedCounter(HALF_LIFE) : DecayedCounter.fromBytes(HALF_LIFE, requestRate);
        }
        return requests;
    }

    DecayedCounter errors() {
        if (errors == null) {
            errors = errorRate == null ? new DecayedCounter(HALF_LIFE) : DecayedCounter.fromBytes(HALF_LIFE, errorRate);
        }
        return errors;
    }

    /** Folds a closed window into the baseline. */
    void close(ActorWindow w, long atMicros) {
        windows++;
        requests().add(atMicros, w.requests);
        errors().add(atMicros, w.errors);
        requestRate = requests.toBytes();
        errorRate = errors.toBytes();
    }

    /** The actor's own average requests per window, 0 before {@code warmup} windows. */
    double requestsPerWindow(long atMicros, long windowMicros, int warmup) {
        if (windows < warmup) {
            return 0;
        }
        return requests().ratePerSecondAt(atMicros) * windowMicros / 1_000_000.0;
    }
}
