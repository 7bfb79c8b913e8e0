package io.periscope.events.catalog;

import java.util.Objects;

/**
 * A user override of path templating.
 *
 * <p>{@code pattern} is a path whose segments are literals or {@code {name}} placeholders. A
 * {@link Action#MERGE} rule makes every path that matches it (same segment count, equal literals) use
 * the pattern as its template, so placeholders become parameters whatever their values look like. A
 * {@link Action#SPLIT} rule makes the literal segments of the pattern stay literal for paths that match
 * it, even when they look like identifiers or were learned as such.
 *
 * @param id       rule id, unique within the service
 * @param action   merge or split
 * @param method   the method it applies to, upper case, or null for all methods
 * @param pattern  the path pattern
 * @param createdBy who asked for it (free text from the API layer), may be null
 * @param createdAtMicros when it was created
 */
public record TemplateRule(String id, Action action, String method, String pattern, String createdBy, long createdAtMicros) {

    public enum Action { MERGE, SPLIT }

    public TemplateRule {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(pattern, "pattern");
        if (!pattern.startsWith("/")) {
            throw new IllegalArgumentException("template rule pattern must start with '/': " + pattern);
        }
    }
}
