package io.periscope.reassembly.http;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Shared strings for the header names most messages carry, in the two spellings clients send (canonical
 * capitalization and all lower case), with their lower-case form precomputed. A header name read from the wire
 * that is one of these, byte for byte, costs no allocation; any other name is copied as before. Names are
 * compared exactly (case included): the published name is always the one that was sent.
 */
public final class HeaderNames {
    private static final String[] CANONICAL = {
        "Host", "User-Agent", "Accept", "Accept-Encoding", "Accept-Language", "Accept-Charset", "Connection",
        "Content-Type", "Content-Length", "Content-Encoding", "Content-Language", "Content-Location",
        "Content-Disposition", "Transfer-Encoding", "Authorization", "Proxy-Authorization", "Cookie", "Set-Cookie",
        "Cache-Control", "Pragma", "Expires", "Date", "Server", "Vary", "ETag", "Last-Modified", "If-None-Match",
        "If-Modified-Since", "Location", "Referer", "Origin", "Upgrade", "Keep-Alive", "Expect", "TE", "Trailer",
        "Via", "Forwarded", "X-Forwarded-For", "X-Forwarded-Proto", "X-Forwarded-Host", "X-Forwarded-Port",
        "X-Real-IP", "X-Request-Id", "X-Request-ID", "X-Correlation-Id", "X-Amzn-Trace-Id", "X-Api-Key", "X-API-Key",
        "Access-Control-Allow-Origin", "Access-Control-Allow-Credentials", "Access-Control-Allow-Headers",
        "Access-Control-Allow-Methods", "Strict-Transport-Security", "X-Content-Type-Options", "X-Frame-Options",
        "X-Powered-By", "Age", "Range", "Accept-Ranges", "Content-Range", "Traceparent", "Tracestate", "WWW-Authenticate",
    };
    private static final int MAX_LENGTH = 40;

    /** The known names by length, each as its bytes and its string. */
    private static final byte[][][] BYTES_BY_LENGTH = new byte[MAX_LENGTH + 1][][];
    private static final String[][] NAMES_BY_LENGTH = new String[MAX_LENGTH + 1][];
    private static final Map<String, String> LOWER = new HashMap<>();

    static {
        Map<Integer, List<String>> byLength = new HashMap<>();
        for (String name : CANONICAL) {
            for (String spelling : new String[] {name, name.toLowerCase(Locale.ROOT)}) {
                if (!LOWER.containsKey(spelling)) {
                    LOWER.put(spelling, name.toLowerCase(Locale.ROOT));
                    byLength.computeIfAbsent(spelling.length(), k -> new ArrayList<>()).add(spelling);
                }
            }
        }
        byLength.forEach((length, names) -> {
            NAMES_BY_LENGTH[length] = names.toArray(String[]::new);
            BYTES_BY_LENGTH[length] = names.stream().map(n -> n.getBytes(StandardCharsets.ISO_8859_1)).toArray(byte[][]::new);
        });
    }

    private HeaderNames() {
    }

    /** The name in {@code b[o..o+l)}: a shared string when it is a known spelling, else a new one. */
    static String of(byte[] b, int o, int l) {
        if (l <= MAX_LENGTH && NAMES_BY_LENGTH[l] != null) {
            byte[][] candidates = BYTES_BY_LENGTH[l];
            for (int i = 0; i < candidates.length; i++) {
                byte[] c = candidates[i];
                if (c[0] == b[o] && c[l - 1] == b[o + l - 1] && Arrays.equals(c, 0, l, b, o, o + l)) {
                    return NAMES_BY_LENGTH[l][i];
                }
            }
        }
        return new String(b, o, l, StandardCharsets.ISO_8859_1);
    }

    /** The name in lower case ({@link Locale#ROOT}); no allocation for a known spelling. */
    public static String lowerCase(String name) {
        String lower = LOWER.get(name);
        return lower != null ? lower : name.toLowerCase(Locale.ROOT);
    }
}
