package io.periscope.alerts.destination;

/**
 * A destination declared in configuration ({@code periscope.alerts.destinations[n]}) for infrastructure as code:
 * the id and secret are the operator's, so a redeploy keeps both.
 *
 * @param id     stable id
 * @param draft  everything else
 * @param secret the {@code whsec_} signing secret (from a secret store, via an environment variable)
 */
public record DeclaredDestination(String id, DestinationDraft draft, String secret) {

    @Override
    public String toString() {
        return "DeclaredDestination[" + id + "]";
    }
}
