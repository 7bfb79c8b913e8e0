package io.periscope.detection.signature.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.periscope.detection.signature.AttackClass;
import io.periscope.detection.signature.InputLocation;
import io.periscope.detection.signature.LocationKind;
import org.junit.jupiter.api.Test;

class CleanVerdictsTest {
    private static final InputLocation UA = new InputLocation(LocationKind.HEADER, "User-Agent");
    private static final String BROWSER = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko)";

    @Test
    void aStreamOfUniqueValuesCannotGrowTheMemoBeyondItsSlots() {
        CleanVerdicts memo = new CleanVerdicts();
        for (int i = 0; i < 100_000; i++) {
            memo.clean("scanner-probe-" + i, UA, "shop.example.test");
        }
        assertThat(memo.size()).isLessThanOrEqualTo(CleanVerdicts.SLOTS);
    }

    @Test
    void aLongValueIsNeverMemoized() {
        CleanVerdicts memo = new CleanVerdicts();
        String lengthy = "a".repeat(CleanVerdicts.MAX_VALUE_LENGTH + 1);
        memo.clean(lengthy, UA, null);
        assertThat(memo.known(lengthy, UA, null)).isFalse();
        assertThat(memo.size()).isZero();
    }

    @Test
    void aValueIsKnownOnlyAtTheSameLocationNameAndHost() {
        CleanVerdicts memo = new CleanVerdicts();
        memo.clean(BROWSER, UA, "a.test");
        assertThat(memo.known(BROWSER, UA, "a.test")).isTrue();
        assertThat(memo.known(BROWSER, UA, "b.test")).isFalse();
        assertThat(memo.known(BROWSER, new InputLocation(LocationKind.HEADER, "Referer"), "a.test")).isFalse();
        assertThat(memo.known(BROWSER, new InputLocation(LocationKind.QUERY_VALUE, "User-Agent"), "a.test")).isFalse();
        assertThat(memo.known(BROWSER + " ", UA, "a.test")).isFalse();
    }

    @Test
    void aRepeatedBenignValueIsJudgedOnceAndARepeatedAttackIsFoundEveryTime() {
        SignatureEngine engine = SignatureEngine.withDefaults();
        assertThat(engine.inspectValue(BROWSER, UA)).isEmpty();
        assertThat(engine.inspectValue(BROWSER, UA)).isEmpty();
        assertThat(engine.stats().memoHits()).isEqualTo(1);

        String log4shell = "${jndi:ldap://198.51.100.9/a}";
        for (int i = 0; i < 3; i++) {
            assertThat(engine.inspectValue(log4shell, UA)).extracting(SignatureFinding::attackClass)
                    .contains(AttackClass.LOG4SHELL);
        }
        assertThat(engine.stats().memoHits()).isEqualTo(1);
    }

    @Test
    void aValueCleanInOnePlaceIsStillJudgedWhereItIsAnAttack() {
        SignatureEngine engine = SignatureEngine.withDefaults();
        String metadata = "http://169.254.169.254/latest/meta-data/";
        // headers are not judged for SSRF (Referer names internal hosts), so this is clean there...
        assertThat(engine.inspectValue(metadata, new InputLocation(LocationKind.HEADER, "Referer"))).isEmpty();
        // ...and an SSRF where the server fetches it
        assertThat(engine.inspectValue(metadata, new InputLocation(LocationKind.QUERY_VALUE, "url")))
                .extracting(SignatureFinding::attackClass).contains(AttackClass.SSRF);

        String offsite = "//evil.example/";
        assertThat(engine.inspectValue(offsite, new InputLocation(LocationKind.QUERY_VALUE, "q"))).isEmpty();
        assertThat(engine.inspectValue(offsite, new InputLocation(LocationKind.QUERY_VALUE, "next")))
                .extracting(SignatureFinding::attackClass).contains(AttackClass.OPEN_REDIRECT);
    }
}
