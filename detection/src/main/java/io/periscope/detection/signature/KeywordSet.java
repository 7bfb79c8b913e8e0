package io.periscope.detection.signature;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Queue;

/**
 * A fixed set of keywords found in one left-to-right pass (Aho–Corasick), compared case-insensitively (ASCII). Several
 * detectors look for a few dozen needles (sensitive file names, template internals) in every value: one automaton
 * keeps that linear in the value's length whatever the number of needles, where a loop of {@code indexOf} would not.
 *
 * <p>After construction the automaton is also laid out as a dense transition table for ASCII input (one {@code int}
 * per state and character, failure links folded in), so scanning the usual ASCII value costs one array read per
 * character without boxing; a character outside ASCII falls back to the trie and its failure links.
 *
 * <p>Immutable after construction and safe to share between threads.
 */
public final class KeywordSet {

    /** One occurrence of a keyword: {@code [start, end)} in the searched text. */
    public record Hit(String keyword, int start, int end) {
    }

    /** Goto function: per state, a map from (lower-cased) char to the next state. */
    private final List<Map<Character, Integer>> next = new ArrayList<>();
    private int[] fail;
    /** Per state, the keyword ending there (the longest), or null. */
    private final List<String> output = new ArrayList<>();
    /** Per state, the state reached by failure links that has an output (dictionary suffix link), or -1. */
    private int[] dictLink;
    private static final int ASCII = 128;
    /** {@code delta[state * ASCII + c]}: the state after reading ASCII {@code c} (already lower-cased) in {@code state}. */
    private int[] delta;
    /** Per state, the first state whose keyword ends here (itself or along dictionary links), or -1: one read per step. */
    private int[] report;
    /** Per state, its keyword, or null: {@code output} as an array. */
    private String[] keywordOf;

    public KeywordSet(String... keywords) {
        this(Arrays.asList(keywords));
    }

    public KeywordSet(List<String> keywords) {
        newState();
        for (String k : keywords) {
            if (k.isEmpty()) {
                throw new IllegalArgumentException("empty keyword");
            }
            int s = 0;
            String lower = k.toLowerCase(Locale.ROOT);
            for (int i = 0; i < lower.length(); i++) {
                Integer t = next.get(s).get(lower.charAt(i));
                if (t == null) {
                    t = newState();
                    next.get(s).put(lower.charAt(i), t);
                }
                s = t;
            }
            output.set(s, lower);
        }
        buildLinks();
    }

    private int newState() {
        next.add(new HashMap<>(4));
        output.add(null);
        return next.size() - 1;
    }

    private void buildLinks() {
        int n = next.size();
        fail = new int[n];
        dictLink = new int[n];
        Arrays.fill(dictLink, -1);
        Queue<Integer> queue = new ArrayDeque<>();
        List<Integer> breadthFirst = new ArrayList<>(n);
        for (int child : next.get(0).values()) {
            fail[child] = 0;
            queue.add(child);
        }
        while (!queue.isEmpty()) {
            int s = queue.remove();
            breadthFirst.add(s);
            for (Map.Entry<Character, Integer> e : next.get(s).entrySet()) {
                int child = e.getValue();
                int f = fail[s];
                while (f != 0 && !next.get(f).containsKey(e.getKey())) {
                    f = fail[f];
                }
                Integer via = next.get(f).get(e.getKey());
                fail[child] = via != null && via != child ? via : 0;
                int fc = fail[child];
                dictLink[child] = output.get(fc) != null ? fc : dictLink[fc];
                queue.add(child);
            }
        }
        keywordOf = output.toArray(new String[0]);
        report = new int[n];
        for (int st = 0; st < n; st++) {
            report[st] = keywordOf[st] != null ? st : dictLink[st];
        }
        // breadth-first, a state's failure state (shallower) has its row before the state itself
        delta = new int[n * ASCII];
        for (int c = 0; c < ASCII; c++) {
            Integer t = next.get(0).get((char) c);
            delta[c] = t == null ? 0 : t;
        }
        for (int s : breadthFirst) {
            Map<Character, Integer> edges = next.get(s);
            for (int c = 0; c < ASCII; c++) {
                Integer t = edges.get((char) c);
                delta[s * ASCII + c] = t != null ? t : delta[fail[s] * ASCII + c];
            }
        }
    }

    private int step(int s, char c) {
        if (c < ASCII) {
            return delta[s * ASCII + (c >= 'A' && c <= 'Z' ? c + 32 : c)];
        }
        char lower = c;
        while (true) {
            Integer t = next.get(s).get(lower);
            if (t != null) {
                return t;
            }
            if (s == 0) {
                return 0;
            }
            s = fail[s];
        }
    }

    /** The first keyword occurrence (by end position) in {@code text}, or null. */
    public Hit first(CharSequence text) {
        int s = 0;
        for (int i = 0, n = text.length(); i < n; i++) {
            s = step(s, text.charAt(i));
            int o = report[s];
            if (o >= 0) {
                String k = keywordOf[o];
                return new Hit(k, i + 1 - k.length(), i + 1);
            }
        }
        return null;
    }

    /** Every keyword occurrence in {@code text}, up to {@code max} of them, in order of their end. */
    public List<Hit> all(CharSequence text, int max) {
        List<Hit> hits = new ArrayList<>();
        int s = 0;
        for (int i = 0; i < text.length() && hits.size() < max; i++) {
            s = step(s, text.charAt(i));
            for (int o = report[s]; o >= 0 && hits.size() < max; o = dictLink[o]) {
                String k = keywordOf[o];
                hits.add(new Hit(k, i + 1 - k.length(), i + 1));
            }
        }
        return hits;
    }

    public boolean containsAny(CharSequence text) {
        return first(text) != null;
    }
}
