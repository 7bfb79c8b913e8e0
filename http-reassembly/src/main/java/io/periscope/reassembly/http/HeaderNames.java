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

    /** The known names by length, each as its bytes, its string and the bit of its canonical name. */
    private static final byte[][][] BYTES_BY_LENGTH = new byte[MAX_LENGTH + 1][][];
    private static final String[][] NAMES_BY_LENGTH = new String[MAX_LENGTH + 1][];
    private static final long[][] BITS_BY_LENGTH = new long[MAX_LENGTH + 1][];
    private static final Map<String, String> LOWER = new HashMap<>();
    /** Lower-case name → the bit of its canonical name (one per name of {@link #CANONICAL}: 64 at most). */
    private static final Map<String, Long> BITS = new HashMap<>();

    static {
        if (CANONICAL.length > Long.SIZE) {
            throw new ExceptionInInitializerError("a name bit per canonical name: at most 64 names");
        }
        Map<Integer, List<String>> byLength = new HashMap<>();
        for (int i = 0; i < CANONICAL.length; i++) {
            String name = CANONICAL[i];
            BITS.put(name.toLowerCase(Locale.ROOT), 1L << i);
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
            BITS_BY_LENGTH[length] = names.stream().mapToLong(n -> BITS.get(LOWER.get(n))).toArray();
        });
    }

    private HeaderNames() {
    }

    /**
     * Which known spelling {@code b[o..o+l)} is: an index among the known names of length {@code l} for
     * {@link #name} and {@link #bit(int, int)}, or -1 when it is none.
     */
    static int find(byte[] b, int o, int l) {
        if (l <= MAX_LENGTH && NAMES_BY_LENGTH[l] != null) {
            byte[][] candidates = BYTES_BY_LENGTH[l];
            for (int i = 0; i < candidates.length; i++) {
                byte[] c = candidates[i];
                if (c[0] == b[o] && c[l - 1] == b[o + l - 1] && Arrays.equals(c, 0, l, b, o, o + l)) {
                    return i;
                }
            }
        }
        return -1;
    }

    /** The name in {@code b[o..o+l)}: the shared string of a known spelling ({@code found} from {@link #find}), else a new one. */
    static String name(byte[] b, int o, int l, int found) {
        return found >= 0 ? NAMES_BY_LENGTH[l][found] : new String(b, o, l, StandardCharsets.ISO_8859_1);
    }

    /**
     * The bit of the known name found by {@link #find} (the same bit for every spelling of a name), 0 for an
     * unknown one. Lets a message note which names it holds as it reads them, so that asking for an absent
     * field costs no scan of its header list (see {@link #bit(String)}).
     */
    static long bit(int l, int found) {
        return found >= 0 ? BITS_BY_LENGTH[l][found] : 0;
    }

    /** The bit of a known name given in lower case; fails for any other name (a programming error). */
    static long bit(String lowerCaseName) {
        Long bit = BITS.get(lowerCaseName);
        if (bit == null) {
            throw new IllegalArgumentException("not a known header name: " + lowerCaseName);
        }
        return bit;
    }

    /** The name in lower case ({@link Locale#ROOT}); no allocation for a known spelling. */
    public static String lowerCase(String name) {
        String lower = LOWER.get(name);
        return lower != null ? lower : name.toLowerCase(Locale.ROOT);
    }
}
