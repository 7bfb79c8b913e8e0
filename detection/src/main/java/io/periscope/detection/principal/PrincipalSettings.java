package io.periscope.detection.principal;

import java.util.List;
import java.util.Set;

/**
 * How principals are read from an exchange ({@code periscope.detection.principals.*}).
 *
 * @param userHeader     a request header set by a trusted gateway that names the authenticated user, or null
 * @param loginFields    JSON or form field names of a sign-in body that carry the login name
 * @param business       configured business identifiers
 * @param maxLinks       credential → user links kept per partition (a token issued at a sign-in names its user)
 */
public record PrincipalSettings(String userHeader, Set<String> loginFields, List<BusinessIdentifier> business,
                                int maxLinks) {

    public static final Set<String> DEFAULT_LOGIN_FIELDS = Set.of("username", "user", "login", "email", "user_name",
            "userName", "account", "name");

    public PrincipalSettings {
        loginFields = loginFields == null || loginFields.isEmpty() ? DEFAULT_LOGIN_FIELDS : Set.copyOf(loginFields);
        business = business == null ? List.of() : List.copyOf(business);
        if (maxLinks < 1) {
            throw new IllegalArgumentException("maxLinks must be positive");
        }
    }

    public static PrincipalSettings defaults() {
        return new PrincipalSettings(null, DEFAULT_LOGIN_FIELDS, List.of(), 100_000);
    }
}
