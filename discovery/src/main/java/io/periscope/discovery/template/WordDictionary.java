package io.periscope.discovery.template;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The dictionary guard: knows which path segments are made of real words ({@code onboardingStatus},
 * {@code reset-password}, {@code user_settings}) so that they stay literal. The word list ships as the
 * resource {@code words.txt} next to this class; plural, {@code -ing} and {@code -ed} forms are derived.
 */
public final class WordDictionary {
    /** Compounds of more tokens than this read like slugs (titles), not like API resource names. */
    public static final int MAX_COMPOUND_TOKENS = 3;
    private static final String RESOURCE = "words.txt";

    private final Set<String> words;

    public WordDictionary(Set<String> words) {
        this.words = Set.copyOf(words);
    }

    /** The shipped word list, read once per class loader. */
    public static WordDictionary shipped() {
        return Shipped.INSTANCE;
    }

    private static final class Shipped {
        static final WordDictionary INSTANCE = load();
    }

    private static WordDictionary load() {
        try (InputStream in = WordDictionary.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("word list resource " + RESOURCE + " is missing");
            }
            Set<String> words = new HashSet<>();
            try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    if (line.startsWith("#")) {
                        continue;
                    }
                    for (String w : line.trim().split("\\s+")) {
                        if (!w.isEmpty()) {
                            words.add(w.toLowerCase(Locale.ROOT));
                        }
                    }
                }
            }
            return new WordDictionary(words);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read word list " + RESOURCE, e);
        }
    }

    /** True when the token, or its singular, base or stem form, is a known word. */
    public boolean isWord(String token) {
        String t = token.toLowerCase(Locale.ROOT);
        if (words.contains(t)) {
            return true;
        }
        return (t.endsWith("ies") && words.contains(t.substring(0, t.length() - 3) + "y"))
                || (t.endsWith("es") && words.contains(t.substring(0, t.length() - 2)))
                || (t.endsWith("s") && words.contains(t.substring(0, t.length() - 1)))
                || (t.endsWith("ing") && (words.contains(t.substring(0, t.length() - 3))
                        || words.contains(t.substring(0, t.length() - 3) + "e")))
                || (t.endsWith("ed") && (words.contains(t.substring(0, t.length() - 2))
                        || words.contains(t.substring(0, t.length() - 1))));
    }

    /**
     * True when the segment splits (camelCase, kebab-case, snake_case, dots) into at most
     * {@link #MAX_COMPOUND_TOKENS} tokens that are all words.
     */
    public boolean isWordCompound(String segment) {
        List<String> tokens = tokens(segment);
        if (tokens.isEmpty() || tokens.size() > MAX_COMPOUND_TOKENS) {
            return false;
        }
        for (String t : tokens) {
            if (!isWord(t)) {
                return false;
            }
        }
        return true;
    }

    /** Splits on {@code -}, {@code _}, {@code .} and lower-to-upper case changes ({@code onboardingStatus}). */
    public static List<String> tokens(String segment) {
        List<String> out = new ArrayList<>(4);
        int start = 0;
        int n = segment.length();
        for (int i = 0; i < n; i++) {
            char c = segment.charAt(i);
            if (c == '-' || c == '_' || c == '.') {
                if (i > start) {
                    out.add(segment.substring(start, i));
                }
                start = i + 1;
            } else if (i > start && Character.isUpperCase(c) && Character.isLowerCase(segment.charAt(i - 1))) {
                out.add(segment.substring(start, i));
                start = i;
            }
        }
        if (start < n) {
            out.add(segment.substring(start));
        }
        return out;
    }
}
