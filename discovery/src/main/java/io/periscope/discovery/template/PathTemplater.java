package io.periscope.discovery.template;

import io.periscope.events.catalog.TemplateRule;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Resolves concrete paths of one service to templates. Precedence, per path:
 * <ol>
 *   <li>a user {@link TemplateRule.Action#SPLIT} rule that matches keeps its literal positions literal;</li>
 *   <li>a user {@link TemplateRule.Action#MERGE} rule that matches gives the template;</li>
 *   <li>a learned merge (see {@link SiblingLearner}) that matches gives parameters at its positions;</li>
 *   <li>typed segments ({@link SegmentClassifier}) become parameters; everything else stays literal.</li>
 * </ol>
 * Paths arrive normalised ({@link PathNormalizer}); a trailing slash that is still there is kept in the template,
 * because only {@link TrailingSlash#KEEP} lets one through.
 * Not thread-safe: one instance per service, used by the stream task that owns the service.
 */
public final class PathTemplater {
    /** Letters-only literals up to this length are never identifier candidates. */
    static final int SHORT_TOKEN = 4;
    private final SegmentClassifier classifier;
    private final WordDictionary dictionary;
    private List<Rule> splitRules = List.of();
    private List<Rule> mergeRules = List.of();
    private final List<Rule> learned = new ArrayList<>();

    private record Rule(String method, PathPattern pattern) {
        boolean applies(String m, List<String> segments) {
            return (method == null || method.equalsIgnoreCase(m)) && pattern.matches(segments);
        }
    }

    public PathTemplater(SegmentClassifier classifier, WordDictionary dictionary) {
        this.classifier = classifier;
        this.dictionary = dictionary;
    }

    /** Replaces the user rules; invalid patterns were rejected when the rule was created. */
    public void setUserRules(List<TemplateRule> rules) {
        List<Rule> split = new ArrayList<>();
        List<Rule> merge = new ArrayList<>();
        for (TemplateRule r : rules) {
            Rule rule = new Rule(r.method(), PathPattern.parse(r.pattern()));
            (r.action() == TemplateRule.Action.SPLIT ? split : merge).add(rule);
        }
        splitRules = List.copyOf(split);
        mergeRules = List.copyOf(merge);
    }

    /** Adds a learned merge: from now on paths matching {@code pattern} use its placeholders. */
    public void addLearned(String method, PathPattern pattern) {
        learned.add(new Rule(method, pattern));
    }

    /** Learned merges as {@code METHOD pattern} strings, for persistence. */
    public List<String> learnedPatterns() {
        List<String> out = new ArrayList<>(learned.size());
        for (Rule r : learned) {
            out.add(r.method() + " " + r.pattern().text());
        }
        return out;
    }

    public ResolvedPath resolve(String method, String rawPath) {
        List<String> raw = PathSplitter.split(rawPath);
        List<String> segs = new ArrayList<>(raw.size());
        for (String s : raw) {
            segs.add(PathSplitter.decode(s));
        }
        int n = segs.size();
        boolean[] forcedLiteral = new boolean[n];
        for (Rule r : splitRules) {
            if (r.applies(method, segs)) {
                for (int i = 0; i < n; i++) {
                    forcedLiteral[i] |= !r.pattern().segments().get(i).isParameter();
                }
            }
        }
        PathPattern.Segment[] fromPattern = new PathPattern.Segment[n];
        Rule merge = first(mergeRules, method, segs);
        boolean userMerge = merge != null;
        if (merge == null) {
            merge = first(learned, method, segs);
        }
        if (merge != null) {
            for (int i = 0; i < n; i++) {
                PathPattern.Segment ps = merge.pattern().segments().get(i);
                if (ps.isParameter() && (userMerge || !forcedLiteral[i])) {
                    fromPattern[i] = ps;
                }
            }
        }
        SegmentKind[] kinds = new SegmentKind[n];
        String[] suffixes = new String[n];
        boolean[] literal = new boolean[n];
        for (int i = 0; i < n; i++) {
            String s = segs.get(i);
            if (fromPattern[i] != null) {
                suffixes[i] = fromPattern[i].suffix();
                SegmentKind k = classifier.classify(s.substring(0, s.length() - suffixes[i].length()));
                kinds[i] = k == SegmentKind.LITERAL ? SegmentKind.MIXED_ID : k;
            } else if (forcedLiteral[i]) {
                kinds[i] = SegmentKind.LITERAL;
            } else {
                kinds[i] = classifyWithExtension(s, suffixes, i);
            }
            literal[i] = kinds[i] == SegmentKind.LITERAL;
        }
        StringBuilder template = new StringBuilder(rawPath.length() + 8);
        StringBuilder normalized = new StringBuilder(rawPath.length());
        List<ResolvedPath.PathParameter> params = new ArrayList<>(2);
        List<Integer> candidates = new ArrayList<>(1);
        Set<String> taken = new HashSet<>();
        for (int i = 0; i < n; i++) {
            template.append('/');
            normalized.append('/');
            String s = segs.get(i);
            if (literal[i]) {
                template.append(s);
                normalized.append(s);
                if (!forcedLiteral[i] && isCandidate(s)) {
                    candidates.add(i);
                }
                continue;
            }
            String name = fromPattern[i] != null ? unique(fromPattern[i].paramName(), taken)
                    : ParameterNamer.name(segs, i, literal, kinds[i], taken);
            String suffix = suffixes[i] == null ? "" : suffixes[i];
            template.append('{').append(name).append('}').append(suffix);
            normalized.append("{}").append(suffix);
            params.add(new ResolvedPath.PathParameter(name, i, s.substring(0, s.length() - suffix.length()), kinds[i]));
        }
        if (n == 0 || endsWithSlash(rawPath)) {
            // a trailing slash reaches the templater only under TrailingSlash.KEEP: then it is part of the identity
            template.append('/');
            normalized.append('/');
        }
        return new ResolvedPath(template.toString(), normalized.toString(), segs, params, candidates, merge != null);
    }

    private static boolean endsWithSlash(String path) {
        int query = path.indexOf('?');
        int end = query < 0 ? path.length() : query;
        return end > 1 && path.charAt(end - 1) == '/';
    }

    private static String unique(String name, Set<String> taken) {
        String u = name;
        for (int i = 2; taken.contains(u); i++) {
            u = name + i;
        }
        taken.add(u);
        return u;
    }

    /** A file name whose stem is typed ({@code 8c1f...e2.png}) becomes a parameter that keeps its extension. */
    private SegmentKind classifyWithExtension(String s, String[] suffixes, int i) {
        SegmentKind k = classifier.classify(s);
        if (k != SegmentKind.LITERAL) {
            return k;
        }
        int dot = s.lastIndexOf('.');
        if (dot > 0 && dot >= s.length() - 6 && dot < s.length() - 1) {
            String ext = s.substring(dot + 1);
            if (ext.chars().allMatch(Character::isLetterOrDigit) && ext.chars().anyMatch(Character::isLetter)) {
                SegmentKind stem = classifier.classify(s.substring(0, dot));
                if (stem != SegmentKind.LITERAL) {
                    suffixes[i] = s.substring(dot);
                    return stem;
                }
            }
        }
        return SegmentKind.LITERAL;
    }

    /**
     * A literal that might be an identifier: not a word compound, not a version, and not a short
     * letters-only token (abbreviations such as {@code org}, {@code me}, {@code sso}).
     */
    private boolean isCandidate(String s) {
        if (s.length() <= SHORT_TOKEN && s.chars().allMatch(Character::isLetter)) {
            return false;
        }
        return !SegmentClassifier.isVersion(s) && !dictionary.isWordCompound(s);
    }

    private static Rule first(List<Rule> rules, String method, List<String> segs) {
        for (Rule r : rules) {
            if (r.applies(method, segs)) {
                return r;
            }
        }
        return null;
    }
}
