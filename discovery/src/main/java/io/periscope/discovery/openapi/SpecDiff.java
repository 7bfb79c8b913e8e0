package io.periscope.discovery.openapi;

import java.util.List;

/**
 * The difference between a documented API and what was observed.
 *
 * @param shadow                    observed endpoints that the document does not describe
 * @param zombie                    endpoints documented as deprecated that are still called
 * @param neverSeen                 documented operations never observed
 * @param undocumentedParameters    observed parameters the matching operation does not declare
 * @param undocumentedStatusCodes   observed status codes the matching operation does not declare
 * @param undocumentedResponseFields observed response body fields absent from the documented schema
 * @param unfollowedReferences      where the document refers to another file or a URL (JSON pointers of the
 *                                  {@code $ref}s); nothing is ever fetched, so what they stand for is not compared
 */
public record SpecDiff(
        List<Operation> shadow,
        List<Operation> zombie,
        List<Operation> neverSeen,
        List<Drift> undocumentedParameters,
        List<Drift> undocumentedStatusCodes,
        List<Drift> undocumentedResponseFields,
        List<String> unfollowedReferences) {

    public SpecDiff {
        shadow = List.copyOf(shadow);
        zombie = List.copyOf(zombie);
        neverSeen = List.copyOf(neverSeen);
        undocumentedParameters = List.copyOf(undocumentedParameters);
        undocumentedStatusCodes = List.copyOf(undocumentedStatusCodes);
        undocumentedResponseFields = List.copyOf(undocumentedResponseFields);
        unfollowedReferences = List.copyOf(unfollowedReferences);
    }

    /**
     * An operation: {@code endpointId} is set for observed ones, {@code documentedPath} for documented ones,
     * both when matched.
     */
    public record Operation(String method, String observedTemplate, String endpointId, String documentedPath, long calls) {
    }

    /** One undocumented item of a matched operation: {@code what} is e.g. {@code QUERY page}, {@code 404}, {@code 200 $.debug}. */
    public record Drift(String method, String observedTemplate, String endpointId, String documentedPath, String what) {
    }
}
