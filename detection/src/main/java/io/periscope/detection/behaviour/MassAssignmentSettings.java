package io.periscope.detection.behaviour;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Mass assignment / property-level authorization ({@code periscope.detection.behaviour.mass-assignment.*};
 * docs/detection.md). Each write endpoint (method and path template of one service) learns the JSON properties its
 * successful requests carry.
 *
 * @param warmupWrites       successful writes an endpoint learns from before it is judged
 * @param warmup             and event time since its first write (both must pass)
 * @param learnPrincipals    distinct principals (actors) that must send a property before it is normal for the
 *                           endpoint, during the warm-up and after it; a privilege or ownership property needs at least
 *                           two whatever this says, so one principal never teaches it (at most 8)
 * @param unknownProperties  unknown properties in one write that are reported even when none looks privileged
 * @param adoptWrites        successful writes carrying an unknown property after which it joins the schema
 *                           (a client release that adds a field stops being reported)
 * @param maxProperties      properties learned per endpoint; an endpoint with more (free-form documents) is not judged
 * @param privileged         property names (compared without case, {@code _} and {@code -}) that grant privilege or
 *                           ownership
 */
public record MassAssignmentSettings(int warmupWrites, Duration warmup, int learnPrincipals, int unknownProperties,
                                     int adoptWrites, int maxProperties, List<String> privileged) {

    public static final List<String> DEFAULT_PRIVILEGED = List.of("role", "roles", "isAdmin", "admin", "isSuperuser",
            "superuser", "isStaff", "staff", "permissions", "permission", "privileges", "scope", "scopes", "groups",
            "balance", "credit", "credits", "owner", "ownerId", "userId", "accountId", "tenantId", "verified",
            "isVerified", "emailVerified", "approved", "plan", "tier", "price", "discount");

    /** Privileged names that name a principal: a value other than the sender's own user is another user's id. */
    static final Set<String> OWNERSHIP = Set.of("owner", "ownerid", "userid", "accountid", "tenantid");

    public MassAssignmentSettings {
        if (warmupWrites < 1 || unknownProperties < 1 || adoptWrites < 1 || maxProperties < 1) {
            throw new IllegalArgumentException("mass-assignment thresholds must be positive");
        }
        if (learnPrincipals < 1 || learnPrincipals > RequestSchema.MAX_SEEN_BY) {
            throw new IllegalArgumentException("mass-assignment learn-principals must be 1.." + RequestSchema.MAX_SEEN_BY);
        }
        if (warmup == null || warmup.isNegative()) {
            throw new IllegalArgumentException("mass-assignment warm-up must not be negative");
        }
        privileged = privileged == null ? DEFAULT_PRIVILEGED : List.copyOf(privileged);
    }

    public static MassAssignmentSettings defaults() {
        return new MassAssignmentSettings(30, Duration.ofHours(1), 3, 3, 20, 256, DEFAULT_PRIVILEGED);
    }

    long warmupMicros() {
        return warmup.toNanos() / 1000;
    }

    Set<String> privilegedNormalized() {
        return privileged.stream().map(MassAssignmentSettings::normalize).collect(Collectors.toUnmodifiableSet());
    }

    /** {@code is_Admin}, {@code is-admin} and {@code isAdmin} are one name. */
    static String normalize(String name) {
        StringBuilder b = new StringBuilder(name.length());
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c != '_' && c != '-') {
                b.append(c);
            }
        }
        return b.toString().toLowerCase(Locale.ROOT);
    }
}
