package io.periscope.detection.signature.log4shell;

import io.periscope.detection.signature.AttackClass;
import io.periscope.detection.signature.InputLocation;
import io.periscope.detection.signature.Match;
import io.periscope.detection.signature.ValueDetector;
import io.periscope.detection.signature.ValueScan;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Log4Shell (CVE-2021-44228 and kin): a value that, logged by Log4j 2, makes a JNDI lookup. The value is evaluated
 * ({@link LookupEvaluator}) rather than matched, so the nested-lookup obfuscations ({@code ${${lower:j}ndi:...}},
 * {@code ${${::-j}${::-n}di:...}}, {@code ${${env:X:-j}ndi:...}}) are seen as what they build.
 */
public final class Log4ShellDetector implements ValueDetector {

    /** The JNDI providers an exploit or a callback probe uses. */
    private static final Set<String> PROTOCOLS = Set.of("ldap", "ldaps", "rmi", "dns", "iiop", "corba", "nds", "nis",
            "http", "https");

    @Override
    public AttackClass attackClass() {
        return AttackClass.LOG4SHELL;
    }

    /** Every lookup opens with {@code ${}. */
    @Override
    public boolean mayMatch(ValueScan scan) {
        return scan.has('$') && scan.has('{');
    }

    @Override
    public Optional<Match> inspect(String value, InputLocation location) {
        LookupEvaluator.Jndi jndi = LookupEvaluator.firstJndi(value);
        if (jndi == null) {
            return Optional.empty();
        }
        String address = jndi.address();
        int colon = address.indexOf(':');
        String protocol = colon < 0 ? "" : address.substring(0, colon).trim().toLowerCase(Locale.ROOT);
        boolean known = PROTOCOLS.contains(protocol);
        String rule = jndi.obfuscated() ? "log4shell.obfuscated-jndi" : "log4shell.jndi";
        // a JNDI lookup with an unknown provider is still nothing a benign client sends, but may be a broken payload
        return Optional.of(new Match(AttackClass.LOG4SHELL, known ? 0.97 : 0.8, rule, "${jndi:" + address + "}"));
    }
}
