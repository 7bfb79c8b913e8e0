package io.periscope.discovery.catalog;

import io.periscope.discovery.schema.ValueType;
import io.periscope.sensitive.Masking;
import io.periscope.events.catalog.ParameterInfo;
import io.periscope.events.catalog.ParameterLocation;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * What is known about one parameter. Enum candidates are short word-like values that were never
 * detected as sensitive; the first value that is not such a token, or one distinct value too many,
 * disqualifies the parameter for good. Examples are masked (see {@link #example(String, ValueType)}).
 */
final class ParameterAggregate {
    /** Enough to show a value's form, few enough to keep the snapshot small. */
    static final int MAX_EXAMPLES = 3;
    /** Longer values are free text or ids, not members of an enum. */
    static final int MAX_ENUM_VALUE_LENGTH = 32;

    private final ParameterLocation location;
    private final String name;
    private final int status;
    private final Map<String, Long> typeCounts;
    /** Messages that carried the parameter, counted once per message however often it occurred in one. */
    private long seen;
    private long lastMessage = -1;
    /** Null once the parameter can no longer be an enum; otherwise at most maxEnumValues values. */
    private LinkedHashSet<String> enumCandidates;
    /** At most {@link #MAX_EXAMPLES}, distinct; masked by the detectors once the parameter is sensitive. */
    private final List<String> examples;
    private final TreeSet<String> sensitiveTypes;

    ParameterAggregate(ParameterLocation location, String name, int status) {
        this.location = location;
        this.name = name;
        this.status = status;
        this.typeCounts = new HashMap<>(4);
        this.enumCandidates = new LinkedHashSet<>(4);
        this.examples = new ArrayList<>(MAX_EXAMPLES);
        this.sensitiveTypes = new TreeSet<>();
    }

    static String key(ParameterLocation location, int status, String name) {
        return location.name() + ' ' + status + ' ' + name;
    }

    String key() {
        return key(location, status, name);
    }

    ParameterLocation location() {
        return location;
    }

    int status() {
        return status;
    }

    /**
     * One occurrence. Presence counts once per message ({@code message} is the endpoint's call ordinal),
     * types and enum candidates count every value.
     */
    void observe(long message, ValueType type, String value, int maxEnumValues) {
        if (message != lastMessage) {
            seen++;
            lastMessage = message;
        }
        typeCounts.merge(type.key(), 1L, Long::sum);
        if (value == null) {
            return;
        }
        if (enumCandidates != null) {
            if (!type.type().equals("string") || type.format() != null || value.length() > MAX_ENUM_VALUE_LENGTH
                    || !isWordToken(value) || !sensitiveTypes.isEmpty()) {
                enumCandidates = null;
            } else if (enumCandidates.add(value) && enumCandidates.size() > maxEnumValues) {
                enumCandidates = null;
            }
        }
        // a parameter known to be sensitive only takes the detectors' masked examples (see sensitive())
        if (examples.size() < MAX_EXAMPLES && sensitiveTypes.isEmpty()) {
            String ex = example(value, type);
            if (!examples.contains(ex)) {
                examples.add(ex);
            }
        }
    }

    /** Marks the parameter sensitive: its examples become the detector's masked values, and it is no enum. */
    void sensitive(String type, String masked) {
        if (sensitiveTypes.add(type)) {
            examples.clear();
        }
        enumCandidates = null;
        if (examples.size() < MAX_EXAMPLES && !examples.contains(masked)) {
            examples.add(masked);
        }
    }

    /**
     * Examples of values not detected as sensitive: numbers, booleans, uuids, dates and short word-like
     * tokens (letters, {@code _ - .}: {@code active}, {@code in_progress}) are kept; anything else keeps two
     * characters at each end, since free text and letter-digit tokens may be personal data or secrets that
     * no detector knows.
     */
    static String example(String value, ValueType type) {
        if (!type.type().equals("string") || "uuid".equals(type.format()) || "date".equals(type.format())
                || "date-time".equals(type.format())) {
            return value.length() > 40 ? value.substring(0, 40) : value;
        }
        if (value.length() <= 24 && isWordToken(value) && type.format() == null) {
            return value;
        }
        return Masking.keepEnds(value, 2, 2);
    }

    /** Letters with {@code _ - .} separators: enum-like words, never ids, numbers or secrets. */
    private static boolean isWordToken(String v) {
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (!(Character.isLetter(c) || c == '_' || c == '-' || c == '.')) {
                return false;
            }
        }
        return !v.isEmpty();
    }

    void absorb(ParameterAggregate other, int maxEnumValues) {
        seen += other.seen;
        other.typeCounts.forEach((k, v) -> typeCounts.merge(k, v, Long::sum));
        if (enumCandidates != null && other.enumCandidates != null) {
            enumCandidates.addAll(other.enumCandidates);
            if (enumCandidates.size() > maxEnumValues) {
                enumCandidates = null;
            }
        } else {
            enumCandidates = null;
        }
        sensitiveTypes.addAll(other.sensitiveTypes);
        for (String e : other.examples) {
            if (examples.size() < MAX_EXAMPLES && !examples.contains(e)) {
                examples.add(e);
            }
        }
    }

    ParameterInfo toInfo(long denominator, int minEnumSamples) {
        String dominant = null;
        long best = -1;
        for (Map.Entry<String, Long> e : typeCounts.entrySet()) {
            // null only wins when nothing else was seen: a nullable field keeps its real type
            long weight = e.getKey().equals("null") ? 0 : e.getValue();
            if (weight > best || (weight == best && e.getKey().compareTo(dominant) < 0)) {
                best = weight;
                dominant = e.getKey();
            }
        }
        ValueType t = dominant == null ? ValueType.STRING : ValueType.fromKey(dominant);
        List<String> enums = enumCandidates != null && seen >= minEnumSamples && !enumCandidates.isEmpty()
                && enumCandidates.size() * 2L <= seen ? List.copyOf(enumCandidates) : List.of();
        double presence = denominator <= 0 ? 1.0 : Math.min(1.0, (double) seen / denominator);
        return new ParameterInfo(location, name, status, t.type(), t.format(), typeCounts, seen, presence, enums,
                examples, List.copyOf(sensitiveTypes));
    }

    /**
     * Restores from a snapshot. Enum candidates below the sample threshold were not published, so a
     * restored parameter with no published enum keeps collecting only if it had too few samples to decide.
     */
    static ParameterAggregate from(ParameterInfo info, int minEnumSamples) {
        ParameterAggregate p = new ParameterAggregate(info.location(), info.name(), info.status());
        p.seen = info.seen();
        p.typeCounts.putAll(info.typeCounts());
        if (!info.enumValues().isEmpty()) {
            p.enumCandidates.addAll(info.enumValues());
        } else if (info.seen() >= minEnumSamples) {
            p.enumCandidates = null;
        }
        p.examples.addAll(info.examples());
        p.sensitiveTypes.addAll(info.sensitiveTypes());
        return p;
    }
}
