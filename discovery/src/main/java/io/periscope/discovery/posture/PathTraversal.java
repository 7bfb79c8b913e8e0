package io.periscope.discovery.posture;

import io.periscope.events.catalog.FindingType;

/**
 * The posture rule for a request path that climbed above the root ({@code /api/../../etc/passwd}): no client of a
 * real API sends one, so it is a traversal attempt, reported on the service rather than cataloged as an endpoint.
 * One finding per service (a constant subject) counts every attempt; its evidence is the first raw path seen.
 */
public final class PathTraversal {
    /** As long as the excerpt of a stack trace: enough to read the attempt, short enough for every finding. */
    static final int EVIDENCE_LENGTH = StackTraceDetector.EVIDENCE_LENGTH;
    /** Digit runs this long may be account or card numbers: masked as other findings' evidence is. */
    private static final int MASKED_DIGIT_RUN = 6;

    private PathTraversal() {
    }

    /** The finding for a raw path that climbed above the root; the query is left out (it may carry secrets). */
    public static FindingCandidate candidate(String rawPath) {
        return new FindingCandidate(FindingType.PATH_TRAVERSAL_ATTEMPT, "PATH climbs above the root", evidence(rawPath));
    }

    /** The raw path without its query, cut to {@link #EVIDENCE_LENGTH} characters, with long digit runs masked. */
    static String evidence(String rawPath) {
        int query = rawPath.indexOf('?');
        int end = Math.min(query < 0 ? rawPath.length() : query, EVIDENCE_LENGTH);
        StringBuilder out = new StringBuilder(end + 3);
        int i = 0;
        while (i < end) {
            int run = i;
            while (run < end && rawPath.charAt(run) >= '0' && rawPath.charAt(run) <= '9') {
                run++;
            }
            if (run - i >= MASKED_DIGIT_RUN) {
                out.append("*".repeat(run - i));
                i = run;
            } else if (run > i) {
                out.append(rawPath, i, run);
                i = run;
            } else {
                out.append(rawPath.charAt(i++));
            }
        }
        if (end < (query < 0 ? rawPath.length() : query)) {
            out.append("...");
        }
        return out.toString();
    }
}
