package io.periscope.discovery.template;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Names path parameters from context: the preceding literal segment, singularised and camel-cased, plus
 * a suffix for the kind of value ({@code /users/{userId}/orders/{orderId}}, {@code /reports/{reportDate}}).
 * Without a usable preceding literal the name is {@code param} with the position.
 */
public final class ParameterNamer {
    private ParameterNamer() {
    }

    /**
     * @param segments  the decoded segments
     * @param position  the parameter's position
     * @param literal   which positions are literal in the template
     * @param kind      what the value looked like
     * @param taken     names already used in this template (the result is made unique against them)
     */
    public static String name(List<String> segments, int position, boolean[] literal, SegmentKind kind, Set<String> taken) {
        String base = null;
        if (position > 0 && literal[position - 1]) {
            String prev = segments.get(position - 1);
            if (!SegmentClassifier.isVersion(prev) && prev.chars().allMatch(c -> Character.isLetter(c) || c == '-' || c == '_')) {
                base = camel(singular(prev));
            }
        }
        String name;
        if (base == null || base.isEmpty()) {
            name = "param" + (position + 1);
        } else {
            name = base + switch (kind) {
                case DATE, DATE_TIME -> "Date";
                case EMAIL -> "Email";
                default -> "Id";
            };
        }
        String unique = name;
        for (int i = 2; taken.contains(unique); i++) {
            unique = name + i;
        }
        taken.add(unique);
        return unique;
    }

    static String singular(String word) {
        String w = word;
        String lower = w.toLowerCase(Locale.ROOT);
        if (lower.equals("people")) {
            return w.substring(0, 1) + "erson";
        }
        if (lower.endsWith("ies") && w.length() > 4) {
            return w.substring(0, w.length() - 3) + "y";
        }
        if (lower.endsWith("sses") || lower.endsWith("xes") || lower.endsWith("ches") || lower.endsWith("shes")) {
            return w.substring(0, w.length() - 2);
        }
        if (lower.endsWith("s") && !lower.endsWith("ss") && !lower.endsWith("us") && !lower.endsWith("is") && w.length() > 3) {
            return w.substring(0, w.length() - 1);
        }
        return w;
    }

    /** {@code order-items} and {@code order_items} become {@code orderItems}; the first letter is lower case. */
    static String camel(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        boolean up = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '-' || c == '_') {
                up = sb.length() > 0;
            } else {
                sb.append(up ? Character.toUpperCase(c) : (sb.length() == 0 ? Character.toLowerCase(c) : c));
                up = false;
            }
        }
        return sb.toString();
    }
}
