package io.periscope.discovery.template;

import java.util.ArrayList;
import java.util.List;

/**
 * A path template such as {@code /users/{userId}/avatar} or {@code /files/{fileId}.pdf}, used for user
 * rules and learned merges. A placeholder matches any non-empty segment that ends with its suffix.
 */
public record PathPattern(String text, List<Segment> segments) {

    /** One segment: a literal, or a placeholder with an optional literal suffix. */
    public record Segment(String literal, String paramName, String suffix) {
        public boolean isParameter() {
            return paramName != null;
        }

        boolean matches(String value) {
            if (paramName == null) {
                return literal.equals(value);
            }
            return value.length() > suffix.length() && value.endsWith(suffix);
        }
    }

    public PathPattern {
        segments = List.copyOf(segments);
    }

    /** Parses a pattern; throws {@link IllegalArgumentException} naming the problem. */
    public static PathPattern parse(String text) {
        if (text == null || !text.startsWith("/")) {
            throw new IllegalArgumentException("path pattern must start with '/': " + text);
        }
        List<Segment> segs = new ArrayList<>();
        for (String s : PathSplitter.split(text)) {
            int open = s.indexOf('{');
            if (open < 0) {
                if (s.indexOf('}') >= 0) {
                    throw new IllegalArgumentException("unbalanced '}' in path pattern " + text);
                }
                segs.add(new Segment(s, null, null));
                continue;
            }
            int close = s.indexOf('}', open);
            if (open != 0 || close < 2 || s.indexOf('{', close) >= 0) {
                throw new IllegalArgumentException("a placeholder must open its segment and be named, as in {id} or {id}.pdf: "
                        + text);
            }
            String name = s.substring(1, close);
            if (!name.chars().allMatch(c -> Character.isLetterOrDigit(c) || c == '_')) {
                throw new IllegalArgumentException("placeholder names are letters, digits and '_': " + text);
            }
            segs.add(new Segment(null, name, s.substring(close + 1)));
        }
        return new PathPattern(text, segs);
    }

    public boolean matches(List<String> pathSegments) {
        if (pathSegments.size() != segments.size()) {
            return false;
        }
        for (int i = 0; i < segments.size(); i++) {
            if (!segments.get(i).matches(pathSegments.get(i))) {
                return false;
            }
        }
        return true;
    }
}
