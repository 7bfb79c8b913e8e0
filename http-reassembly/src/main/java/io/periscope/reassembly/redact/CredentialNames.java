package io.periscope.reassembly.redact;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * Classifies header, query, cookie, form and JSON field names as credentials. Names are normalised first
 * (lower case, {@code - _ .} removed), so {@code X-Refresh-Token}, {@code refresh_token} and {@code refreshToken}
 * all read {@code xrefreshtoken}/{@code refreshtoken}. Rules, in order:
 * <ol>
 *   <li>configured exclusions (exact normalised names) are never credentials by name (their values are still
 *       checked by shape);</li>
 *   <li>configured extra names (exact) are {@link CredentialKind#SECRET};</li>
 *   <li>(the configured API-key header and query-parameter lists are applied by {@code CredentialRedactor} to
 *       headers and queries only: {@code key} is an API key in a query, not in every JSON object);</li>
 *   <li>built-in exact names ({@code sig}, {@code pwd}, {@code session}, {@code xamzcredential}, ...);</li>
 *   <li>built-in fragments ({@code password}, {@code token}, {@code secret}, {@code signature}, {@code apikey},
 *       ...) unless the name also holds a descriptive fragment ({@code tokentype}, {@code expiresin},
 *       {@code passwordpolicy}): those fields describe a credential, they do not carry one.</li>
 * </ol>
 * Thread-safe; its only state beyond the configured lists is a bounded record of names already judged.
 */
public final class CredentialNames {
    private static final Map<String, CredentialKind> EXACT = Map.ofEntries(
            Map.entry("sig", CredentialKind.SIGNATURE),
            Map.entry("pwd", CredentialKind.PASSWORD),
            Map.entry("pass", CredentialKind.PASSWORD),
            Map.entry("pin", CredentialKind.PASSWORD),
            Map.entry("otp", CredentialKind.PASSWORD),
            Map.entry("jwt", CredentialKind.TOKEN),
            Map.entry("session", CredentialKind.SESSION),
            Map.entry("sessionid", CredentialKind.SESSION),
            Map.entry("sessionkey", CredentialKind.SESSION),
            Map.entry("cvv", CredentialKind.SECRET),
            Map.entry("cvc", CredentialKind.SECRET),
            Map.entry("cvv2", CredentialKind.SECRET),
            Map.entry("cvc2", CredentialKind.SECRET),
            Map.entry("authorization", CredentialKind.TOKEN),
            Map.entry("proxyauthorization", CredentialKind.TOKEN),
            // presigned URLs: AWS SigV4 / SigV2, Google Cloud Storage, CloudFront
            Map.entry("xamzsignature", CredentialKind.SIGNATURE),
            Map.entry("xamzcredential", CredentialKind.SIGNATURE),
            Map.entry("xamzsecuritytoken", CredentialKind.TOKEN),
            Map.entry("xgoogsignature", CredentialKind.SIGNATURE),
            Map.entry("xgoogcredential", CredentialKind.SIGNATURE),
            Map.entry("googleaccessid", CredentialKind.SIGNATURE));

    /** Fragments checked in this order; the first that the name contains decides the kind. */
    private static final List<Map.Entry<String, CredentialKind>> FRAGMENTS = List.of(
            Map.entry("password", CredentialKind.PASSWORD), Map.entry("passwd", CredentialKind.PASSWORD),
            Map.entry("passphrase", CredentialKind.PASSWORD), Map.entry("pincode", CredentialKind.PASSWORD),
            Map.entry("apikey", CredentialKind.SECRET), Map.entry("apitoken", CredentialKind.TOKEN),
            Map.entry("secret", CredentialKind.SECRET), Map.entry("privatekey", CredentialKind.SECRET),
            Map.entry("accesskey", CredentialKind.SECRET), Map.entry("credential", CredentialKind.SECRET),
            Map.entry("token", CredentialKind.TOKEN), Map.entry("jwt", CredentialKind.TOKEN),
            Map.entry("signature", CredentialKind.SIGNATURE), Map.entry("sessionid", CredentialKind.SESSION));

    /** A name holding one of these describes a credential rather than carrying one. */
    private static final String[] DESCRIPTIVE = {"type", "expir", "expires", "ttl", "url", "uri", "endpoint", "length",
            "count", "required", "enabled", "policy", "hint", "strength", "changed", "forgot", "rule", "version",
            "method", "algorithm", "name", "format", "scope", "issuedat", "lifetime", "validity", "secretary"};

    /**
     * Names seen at most this many: enough for the header and field names of the APIs a sensor sees (about
     * 100 bytes each), bounded so that a spray of random names costs no more memory; beyond it, names are
     * judged every time.
     */
    private static final int MAX_DECIDED = 4096;

    private final Set<String> extra;
    private final Set<String> excluded;
    /** Names already judged and their kind (empty: not a credential); a result depends on the name alone. */
    private final Map<String, Optional<CredentialKind>> decided = new ConcurrentHashMap<>();

    /**
     * @param extraNames    names that are credentials besides the built-in ones
     * @param excludedNames names that are never credentials by name
     */
    public CredentialNames(Collection<String> extraNames, Collection<String> excludedNames) {
        this.extra = normaliseAll(extraNames);
        this.excluded = normaliseAll(excludedNames);
    }

    /** The built-in names only: production builds its instance from configuration, tests start from this. */
    public static CredentialNames defaults() {
        return new CredentialNames(List.of(), List.of());
    }

    private static Set<String> normaliseAll(Collection<String> names) {
        return names.stream().map(CredentialNames::normalise).collect(Collectors.toUnmodifiableSet());
    }

    /** Lower case without {@code - _ .} (and without spaces, which some clients put around names). */
    public static String normalise(String name) {
        if (isNormal(name)) {
            return name; // most header and field names: no copy
        }
        StringBuilder sb = new StringBuilder(name.length());
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c != '-' && c != '_' && c != '.' && c != ' ') {
                sb.append(c < 128 ? Character.toLowerCase(c) : c);
            }
        }
        return sb.toString();
    }

    private static boolean isNormal(String name) {
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '-' || c == '_' || c == '.' || c == ' ' || (c >= 'A' && c <= 'Z')) {
                return false;
            }
        }
        return true;
    }

    /** The kind of credential a field of this name carries, or null when its name says nothing. */
    public CredentialKind classify(String name) {
        if (name == null || name.isEmpty()) {
            return null;
        }
        // header and JSON field names repeat, and arrive as shared strings whose hash is already known: a lookup
        // costs less than normalising the name and matching it against every fragment again
        Optional<CredentialKind> known = decided.get(name);
        if (known != null) {
            return known.orElse(null);
        }
        CredentialKind kind = decide(name);
        if (decided.size() < MAX_DECIDED) {
            decided.put(name, Optional.ofNullable(kind));
        }
        return kind;
    }

    private CredentialKind decide(String name) {
        String n = normalise(name);
        if (excluded.contains(n)) {
            return null;
        }
        if (extra.contains(n)) {
            return CredentialKind.SECRET;
        }
        CredentialKind k = EXACT.get(n);
        if (k != null) {
            return k;
        }
        for (Map.Entry<String, CredentialKind> f : FRAGMENTS) {
            if (n.contains(f.getKey())) {
                return descriptive(n) ? null : f.getValue();
            }
        }
        return n.endsWith("session") ? CredentialKind.SESSION : null;
    }

    private static boolean descriptive(String n) {
        for (String d : DESCRIPTIVE) {
            if (n.contains(d)) {
                return true;
            }
        }
        return false;
    }

    /** For logs and errors: the configured lists, never values. */
    @Override
    public String toString() {
        return "CredentialNames[extra=" + extra + ", excluded=" + excluded + "]";
    }
}
