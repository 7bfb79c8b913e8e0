package io.periscope.discovery.posture;

import java.nio.charset.StandardCharsets;

/**
 * Recognises stack traces and internal error dumps in response bodies: Java, Python, .NET, Go, Node.js,
 * PHP, Ruby, and database error messages. Each rule needs two markers, so that a word such as
 * "Exception" in ordinary content does not count.
 */
public final class StackTraceDetector {
    /** Only the first bytes of a body are searched. */
    static final int SCAN_LIMIT = 64 * 1024;
    static final int EVIDENCE_LENGTH = 160;

    private static final String[][] RULES = {
            {"Exception", "\tat "}, {"Exception", "\n    at "}, {"Exception", "\\n\\tat "}, {"Exception", ".java:"},
            {"Traceback (most recent call last)", "File \""},
            {"   at System.", "Exception"},
            {"goroutine ", "panic:"},
            {"Fatal error:", " on line "}, {"Stack trace:", "#0 "},
            {"Error", "    at Object.<anonymous>"}, {"Error", "node_modules/"},
            {".rb:", "in `"},
            {"SQLSTATE[", "]"}, {"You have an error in your SQL syntax", "MySQL"}, {"ORA-", "ORA-"},
            {"org.postgresql.util.PSQLException", "ERROR:"},
    };

    private StackTraceDetector() {
    }

    /** A masked one-line excerpt around the first marker, or null when the body holds no stack trace. */
    public static String find(byte[] body) {
        if (body.length < 20) {
            return null;
        }
        String text = new String(body, 0, Math.min(body.length, SCAN_LIMIT), StandardCharsets.ISO_8859_1);
        for (String[] rule : RULES) {
            int first = text.indexOf(rule[0]);
            if (first < 0) {
                continue;
            }
            int second = text.indexOf(rule[1], rule[0].equals(rule[1]) ? first + rule[0].length() : 0);
            if (second < 0) {
                continue;
            }
            int lineStart = Math.max(text.lastIndexOf('\n', first) + 1, first - 60);
            int end = Math.min(text.length(), lineStart + EVIDENCE_LENGTH);
            int eol = text.indexOf('\n', first);
            if (eol > 0 && eol < end) {
                end = eol;
            }
            // error messages quote input: mask long numbers and e-mail addresses in the excerpt
            return text.substring(lineStart, end).replaceAll("[0-9]{6,}", "******")
                    .replaceAll("[^\\s@\"'<>]+@[^\\s@\"'<>]+", "***@***").strip();
        }
        return null;
    }
}
