package io.periscope.detection.behaviour;

import io.periscope.events.detection.Outcome;

import java.util.List;

/**
 * Token sharing / session hijack: one credential presented from {@code sharingAddresses} distinct client addresses,
 * or with {@code sharingAgents} distinct User-Agents, within one window. A phone moving between networks shows two
 * or three addresses in ten minutes; four or more at once is one secret in several hands.
 */
final class TokenSharingDetector implements BehaviourDetector {
    private final BehaviourSettings settings;

    TokenSharingDetector(BehaviourSettings settings) {
        this.settings = settings;
    }

    @Override
    public void observe(Observation o, ActorProfile profile, Peers peers, List<Finding> out) {
        String credential = o.principals().credential();
        if (credential == null) {
            return;
        }
        ActorWindow w = profile.window;
        ActorWindow.CredentialUse use = ActorWindow.bounded(w.credentials, credential, ActorWindow.MAX_CREDENTIALS,
                ActorWindow.CredentialUse::new);
        if (use == null) {
            return;
        }
        if (o.principals().clientIp() != null) {
            use.addresses.add(o.principals().clientIp());
        }
        if (o.userAgent() != null) {
            use.agents.add(o.userAgent());
        }
        long addresses = use.addresses.count();
        long agents = use.agents.count();
        Outcome outcome = o.success() ? Outcome.LIKELY_SUCCESS : Outcome.ATTEMPTED;
        if (addresses >= settings.sharingAddresses() && w.fire("TOKEN_SHARING:addresses")) {
            out.add(Finding.of(BehaviourType.TOKEN_SHARING, outcome, "client addresses presenting one credential",
                    addresses, 1, settings.sharingAddresses(), null));
        } else if (agents >= settings.sharingAgents() && w.fire("TOKEN_SHARING:agents")) {
            out.add(Finding.of(BehaviourType.TOKEN_SHARING, outcome, "User-Agents presenting one credential", agents, 1,
                    settings.sharingAgents(), null));
        }
    }
}
