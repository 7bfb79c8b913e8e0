package io.periscope.detection.signature;

/**
 * The fragment of a value a detector cites as evidence: at most {@link Match#MAX_EVIDENCE} characters, starting a
 * little before the position that matched so the reader sees what led up to it.
 */
public final class Evidence {
    /** Characters of context kept before the match: enough for a quote or separator that opened the payload. */
    private static final int LEAD = 16;

    private Evidence() {
    }

    /** Up to {@link Match#MAX_EVIDENCE} characters of {@code value} from a little before {@code position}. */
    public static String around(String value, int position) {
        int start = Math.max(0, Math.min(position - LEAD, value.length() - Match.MAX_EVIDENCE));
        start = Math.max(0, start);
        return value.substring(start, Math.min(value.length(), start + Match.MAX_EVIDENCE));
    }
}
