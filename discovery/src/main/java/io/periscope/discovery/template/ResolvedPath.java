package io.periscope.discovery.template;

import java.util.List;

/**
 * The template a concrete path resolved to.
 *
 * @param template          the template, parameters as {@code {name}}
 * @param normalized        the template with parameter names blanked ({@code /users/{}}): the identity of the
 *                          endpoint, so that renaming a parameter never changes an endpoint id
 * @param segments          the decoded segments of the concrete path
 * @param parameters        the path parameters, in order
 * @param candidatePositions literal positions that may still turn out to be identifiers (not words, not versions)
 * @param matchedPattern    whether a user MERGE rule or a learned merge gave the template: the path belongs to an
 *                          endpoint the catalog already knows the shape of
 */
public record ResolvedPath(String template, String normalized, List<String> segments, List<PathParameter> parameters,
                           List<Integer> candidatePositions, boolean matchedPattern) {

    /** One path parameter: its name, its position, the concrete value and what it looked like. */
    public record PathParameter(String name, int position, String value, SegmentKind kind) {
    }
}
