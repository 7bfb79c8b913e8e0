package io.periscope.detection.behaviour;

import com.fasterxml.jackson.annotation.JsonAutoDetect;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;

/**
 * One client fingerprint's sign-ins on one endpoint in the current campaign window. Invariants: counts are of the
 * window starting at {@code startMicros}; {@code addresses} and the account sketches are distinct counts;
 * {@code sampleAddresses} holds the first {@value #MAX_SAMPLES} addresses (for the incident's actor); {@code statuses}
 * counts the failures by status (the error mix) over at most {@value #MAX_STATUSES} statuses; {@code fired} holds
 * what was reported in this window.
 */
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
public final class CampaignState {
    static final int MAX_SAMPLES = 20;
    static final int MAX_STATUSES = 8;

    long startMicros = Long.MIN_VALUE;
    long lastSeenMicros;
    long attempts;
    long failures;
    long successes;
    Distinct addresses = new Distinct();
    Distinct failedAccounts = new Distinct();
    Distinct accounts = new Distinct();
    List<String> sampleAddresses = new ArrayList<>();
    TreeMap<Integer, Long> statuses = new TreeMap<>();
    Set<String> fired = new HashSet<>();
    /** Gaps between consecutive attempts (Welford's running mean and sum of squares): a tool's timing is regular. */
    long previousMicros = Long.MIN_VALUE;
    long gaps;
    double gapMean;
    double gapM2;

    /** Counts the gap since the previous attempt (in event order; an out-of-order attempt adds none). */
    void gap(long atMicros) {
        if (previousMicros != Long.MIN_VALUE && atMicros >= previousMicros) {
            double gap = atMicros - previousMicros;
            gaps++;
            double delta = gap - gapMean;
            gapMean += delta / gaps;
            gapM2 += delta * (gap - gapMean);
        }
        previousMicros = Math.max(previousMicros, atMicros);
    }

    /** Coefficient of variation of the gaps (standard deviation / mean); NaN with fewer than two gaps. */
    double gapVariation() {
        if (gaps < 2 || gapMean <= 0) {
            return Double.NaN;
        }
        return Math.sqrt(gapM2 / (gaps - 1)) / gapMean;
    }

    /** Counts a client address and keeps it as a sample while there is room. */
    void address(String ip) {
        if (ip != null) {
            addresses.add(ip);
            if (sampleAddresses.size() < MAX_SAMPLES && !sampleAddresses.contains(ip)) {
                sampleAddresses.add(ip);
            }
        }
    }

    /** Counts failures of one status into the error mix, over at most {@value #MAX_STATUSES} statuses. */
    void status(int status, long failures) {
        if (statuses.containsKey(status) || statuses.size() < MAX_STATUSES) {
            statuses.merge(status, failures, Long::sum);
        }
    }

    public long lastSeenMicros() {
        return lastSeenMicros;
    }
}
