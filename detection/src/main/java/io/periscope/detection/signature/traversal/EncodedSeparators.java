package io.periscope.detection.signature.traversal;

import io.periscope.detection.signature.KeywordSet;
import java.util.ArrayList;
import java.util.List;

/**
 * The encodings of {@code .}, {@code /} and {@code \} that some server or framework on the way accepts and a
 * percent-decoder does not undo: overlong UTF-8 of four to six bytes, invalid overlong sequences IIS maps anyway
 * ({@code %c0%qf}, {@code %c1%pc}, {@code %bg%qf}), IIS double-nibble encoding ({@code %%32%%66}), C-style
 * {@code 0x2f}, and the {@code ?} wildcard dotdotpwn uses in place of a dot. Replaced by the character they stand for
 * in one Aho–Corasick pass, so the traversal check sees {@code ../}.
 */
final class EncodedSeparators {
    private static final List<String> DOTS = List.of("0x2e", "%c0.", "%c0%2e", "%c0%ae", "%c0%5e", "%c0%ee",
            "%c0%fe", "%c0%6e", "%%c0%6e", "%uff0e", "%u002e", "%%32%%65", "%%32%65", "%e0%80%ae", "%25c0%25ae",
            "%f0%80%80%ae", "%f8%80%80%80%ae", "%fc%80%80%80%80%ae", "%2e", "%252e");
    private static final List<String> SEPARATORS = List.of("0x2f", "0x5c", "%c1%pc", "%c0%9v", "%c0%qf", "%c1%8s",
            "%c1%1c", "%c1%9c", "%c1%af", "%bg%qf", "%%32%%66", "%%35%%63", "%%32%66", "%%35%63", "%c0%2f", "%c0%5c",
            "%c0%af", "%e0%80%af", "%f0%80%80%af", "%f8%80%80%80%af", "%fc%80%80%80%80%af", "%25c0%25af", "%u2215",
            "%u2216", "%uefc8", "%uf025", "%2f", "%5c", "%252f", "%255c");
    /** Bytes some servers drop inside a name ({@code .%00./}): removed, so the dots around them meet. */
    private static final List<String> DROPPED = List.of("%00", "%01");
    private static final KeywordSet TOKENS;

    static {
        List<String> all = new ArrayList<>(DOTS);
        all.addAll(SEPARATORS);
        all.addAll(DROPPED);
        TOKENS = new KeywordSet(all);
    }

    /** Hits read per value; a value of nothing but encoded separators is cut here, which keeps the pass linear. */
    private static final int MAX_TOKENS = 4096;

    private EncodedSeparators() {
    }

    /** {@code lower} (lower-case) with every encoded dot and separator replaced; itself when it holds none. */
    static String decode(String lower) {
        if (lower.indexOf('%') < 0 && lower.indexOf("0x") < 0 && lower.indexOf('?') < 0) {
            return lower;
        }
        List<KeywordSet.Hit> hits = TOKENS.all(lower, MAX_TOKENS);
        // per start position, the longest token starting there (tokens overlap: "%%32%%66" holds "%32")
        int[] longest = new int[lower.length()];
        char[] replacement = new char[lower.length()];
        for (KeywordSet.Hit hit : hits) {
            if (hit.end() > longest[hit.start()]) {
                longest[hit.start()] = hit.end();
                replacement[hit.start()] = DOTS.contains(hit.keyword()) ? '.' : DROPPED.contains(hit.keyword()) ? 0 : '/';
            }
        }
        StringBuilder sb = new StringBuilder(lower.length());
        int at = 0;
        while (at < lower.length()) {
            if (longest[at] > at) {
                if (replacement[at] != 0) {
                    sb.append(replacement[at]);
                }
                at = longest[at];
            } else {
                char c = lower.charAt(at);
                // dotdotpwn's wildcard: "??/" and ".?/" stand for "../" where the server globs
                sb.append(c == '?' && dotLike(lower, at) ? '.' : c);
                at++;
            }
        }
        return sb.toString();
    }

    private static boolean dotLike(String s, int i) {
        char before = i > 0 ? s.charAt(i - 1) : ' ';
        char after = i + 1 < s.length() ? s.charAt(i + 1) : ' ';
        return before == '.' || before == '?' || after == '.' || after == '?';
    }
}
