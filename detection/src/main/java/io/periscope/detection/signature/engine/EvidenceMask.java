package io.periscope.detection.signature.engine;

import io.periscope.detection.signature.Match;
import io.periscope.sensitive.Masking;

/**
 * Makes a detector's evidence safe to log, publish and show: control characters escaped (no log injection, no
 * terminal escapes), long token-like runs (keys, tokens, hashes the sensor may not have recognised) and long digit
 * runs (account and card numbers) masked to their ends, and the result cut to {@link Match#MAX_EVIDENCE} characters.
 * The payload's structure, which is what an analyst needs, stays readable: {@code ../../etc/passwd},
 * {@code ${jndi:ldap://x.example/a}}.
 */
public final class EvidenceMask {
    /** A run of token characters this long is more likely a secret than a word of a payload. */
    static final int TOKEN_RUN = 24;
    /**
     * A run of digits this long is more likely an account or card number (13+ digits for cards) than a payload's
     * number; a decimal IPv4 address ({@code 2130706433}, ten digits) stays visible as SSRF evidence.
     */
    static final int DIGIT_RUN = 11;

    private EvidenceMask() {
    }

    public static String mask(String evidence) {
        StringBuilder out = new StringBuilder(Math.min(evidence.length(), Match.MAX_EVIDENCE) + 16);
        int i = 0;
        int n = evidence.length();
        while (i < n && out.length() < Match.MAX_EVIDENCE) {
            char c = evidence.charAt(i);
            if (tokenChar(c)) {
                int j = i;
                boolean digitsOnly = true;
                while (j < n && tokenChar(evidence.charAt(j))) {
                    digitsOnly &= Character.isDigit(evidence.charAt(j));
                    j++;
                }
                String run = evidence.substring(i, j);
                if (digitsOnly && run.length() >= DIGIT_RUN) {
                    out.append(Masking.keepLastDigits(run, 2));
                } else if (run.length() >= TOKEN_RUN) {
                    out.append(Masking.keepEnds(run, 4, 4));
                } else {
                    out.append(run);
                }
                i = j;
            } else {
                if (c < 0x20 || c == 0x7f) {
                    switch (c) {
                        case '\n' -> out.append("\\n");
                        case '\r' -> out.append("\\r");
                        case '\t' -> out.append("\\t");
                        default -> out.append(String.format("\\x%02x", (int) c));
                    }
                } else {
                    out.append(c);
                }
                i++;
            }
        }
        return out.length() > Match.MAX_EVIDENCE ? out.substring(0, Match.MAX_EVIDENCE) : out.toString();
    }

    private static boolean tokenChar(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '+' || c == '='
                || c == '_' || c == '-';
    }
}
