package io.periscope.detection.behaviour;

import java.util.Map;
import java.util.Objects;

/**
 * Learns who owns an object from the successful accesses to it, and tells when an access is someone else's object.
 * An object's owner is:
 * <ul>
 *   <li>the principal whose user name equals the object id ({@code GET /users/alice/profile} by {@code alice}),
 *       for good ({@link ForeignAccess.OwnerEvidence#IDENTITY});</li>
 *   <li>else the principal that created it (a POST to its collection whose answer named the id),
 *       for good ({@link ForeignAccess.OwnerEvidence#CREATED});</li>
 *   <li>else the authenticated principal with the most successful accesses, once it has {@code ownerMinReads} of
 *       them ({@link ForeignAccess.OwnerEvidence#REPEATED_USE}): users re-read their own orders, an enumerator
 *       reads each object once.</li>
 * </ul>
 * Nobody owns an object read without credentials (public) or by {@code sharedAccessors} distinct principals
 * (products, shared documents). An access by another authenticated principal to an owned object is foreign.
 */
public final class Ownership {
    private final OwnershipSettings settings;

    public Ownership(OwnershipSettings settings) {
        this.settings = settings;
    }

    /** Counts the access into the object's state; returns the foreign-access fact, or null. */
    public ForeignAccess access(ObjectOwner o, ObjectAccess a) {
        o.lastSeenMicros = Math.max(o.lastSeenMicros, a.timeMicros());
        if (o.shared) {
            return null;
        }
        if (!a.authenticated()) {
            share(o);
            return null;
        }
        String actor = a.actorId();
        String user = a.principals().user();
        if (user != null && user.equals(a.objectId())) {
            o.owner = actor;
            o.identity = true;
            o.created = false;
            return null;
        }
        if (a.created()) {
            if (!o.identity && !o.created) {
                o.owner = actor;
                o.created = true;
            }
            return null;
        }
        Map<String, Integer> accessors = o.accessors;
        Integer count = accessors.get(actor);
        if (count == null && distinctWith(o, actor) >= settings.sharedAccessors()) {
            // the third principal (by default): the object is shared, and this access is not foreign
            share(o);
            return null;
        }
        accessors.put(actor, count == null ? 1 : count + 1);
        ForeignAccess.OwnerEvidence evidence = evidence(o);
        String owner = o.owner;
        if (!o.identity && !o.created) {
            owner = leader(accessors, o.owner);
            o.owner = owner;
        }
        if (evidence == null || Objects.equals(owner, actor)) {
            return null;
        }
        return new ForeignAccess(a.exchangeId(), actor, a.serviceKey(), a.timeMicros(), a.method(), a.template(),
                a.objectId(), evidence, a.principals());
    }

    /** The evidence of ownership before this access counted, null when the object has no established owner. */
    private ForeignAccess.OwnerEvidence evidence(ObjectOwner o) {
        if (o.identity) {
            return ForeignAccess.OwnerEvidence.IDENTITY;
        }
        if (o.created) {
            return ForeignAccess.OwnerEvidence.CREATED;
        }
        String leader = leader(o.accessors, o.owner);
        Integer reads = leader == null ? null : o.accessors.get(leader);
        return reads != null && reads >= settings.ownerMinReads() ? ForeignAccess.OwnerEvidence.REPEATED_USE : null;
    }

    /** Distinct authenticated principals including {@code actor}; an identity owner or creator counts once. */
    private static int distinctWith(ObjectOwner o, String actor) {
        int n = o.accessors.size() + (o.accessors.containsKey(actor) ? 0 : 1);
        if ((o.identity || o.created) && o.owner != null && !o.accessors.containsKey(o.owner) && !o.owner.equals(actor)) {
            n++;
        }
        return n;
    }

    /** The actor with the most accesses; on a tie the current owner stays (ownership does not flap). */
    private static String leader(Map<String, Integer> accessors, String current) {
        String best = current != null && accessors.containsKey(current) ? current : null;
        int most = best == null ? 0 : accessors.get(best);
        for (Map.Entry<String, Integer> e : accessors.entrySet()) {
            if (e.getValue() > most) {
                best = e.getKey();
                most = e.getValue();
            }
        }
        return best;
    }

    private static void share(ObjectOwner o) {
        o.shared = true;
        o.owner = null;
        o.identity = false;
        o.accessors.clear();
    }
}
