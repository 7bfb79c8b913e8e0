package io.periscope.detection.signature;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;

class KeywordSetTest {
    private static final List<String> KEYWORDS = List.of("etc/passwd", "passwd", "win.ini", "boot.ini", "__class__",
            "ss", "s", "ä/ß", "/proc/self/environ", "self");

    /** Every occurrence of every keyword, found the slow way: what the automaton must report, in the same order. */
    private static List<KeywordSet.Hit> naive(String text) {
        String lower = asciiLower(text);
        List<KeywordSet.Hit> hits = new ArrayList<>();
        for (String k : KEYWORDS) {
            String key = k.toLowerCase(Locale.ROOT);
            for (int i = lower.indexOf(key); i >= 0; i = lower.indexOf(key, i + 1)) {
                hits.add(new KeywordSet.Hit(key, i, i + key.length()));
            }
        }
        // by end, and at one end the longer keyword first (the state's own output before its dictionary links)
        hits.sort(Comparator.comparingInt(KeywordSet.Hit::end).thenComparingInt(KeywordSet.Hit::start));
        return hits;
    }

    private static String asciiLower(String text) {
        StringBuilder b = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            b.append(c >= 'A' && c <= 'Z' ? (char) (c + 32) : c);
        }
        return b.toString();
    }

    @Test
    void findsExactlyTheOccurrencesANaiveSearchFindsOnRandomMixedCaseAndNonAsciiText() {
        KeywordSet set = new KeywordSet(KEYWORDS);
        String alphabet = "etcPASSWDwin.iniboot/_clasSELFäßproc/envir?%";
        Random random = new Random(42);
        for (int round = 0; round < 5_000; round++) {
            StringBuilder text = new StringBuilder();
            int length = random.nextInt(60);
            for (int i = 0; i < length; i++) {
                if (random.nextInt(8) == 0) {
                    String k = KEYWORDS.get(random.nextInt(KEYWORDS.size()));
                    text.append(random.nextBoolean() ? k.toUpperCase(Locale.ROOT) : k);
                } else {
                    text.append(alphabet.charAt(random.nextInt(alphabet.length())));
                }
            }
            String t = text.toString();
            List<KeywordSet.Hit> expected = naive(t);
            assertThat(set.all(t, Integer.MAX_VALUE)).as(t).containsExactlyElementsOf(expected);
            assertThat(set.first(t)).as(t).isEqualTo(expected.isEmpty() ? null : expected.get(0));
        }
    }

    @Test
    void matchingIsCaseInsensitiveForAsciiOnly() {
        KeywordSet set = new KeywordSet("win.ini");
        assertThat(set.containsAny("C:\\WINDOWS\\WIN.INI")).isTrue();
        assertThat(set.containsAny("win\u0130ni")).isFalse(); // a dotted capital I is not an ASCII letter
    }
}
