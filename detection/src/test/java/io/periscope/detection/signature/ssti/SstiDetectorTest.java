package io.periscope.detection.signature.ssti;

import static org.assertj.core.api.Assertions.assertThat;

import io.periscope.detection.signature.InputLocation;
import io.periscope.detection.signature.LocationKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SstiDetectorTest {
    private final SstiDetector detector = new SstiDetector();
    private static final InputLocation NAME = new InputLocation(LocationKind.FORM_FIELD, "name");

    @ParameterizedTest
    @ValueSource(strings = {"{{7*7}}", "${7*7}", "#{7*7}", "*{7*7}", "<%= 7*7 %>", "{{7*'7'}}", "@(7*7)", "{{config}}",
            "{{self}}", "{{ ''.__class__.__mro__[1].__subclasses__() }}", "${T(java.lang.Runtime).getRuntime().exec('id')}",
            "<#assign ex=\"freemarker.template.utility.Execute\"?new()>${ex(\"id\")}", "{{request.application.__globals__}}",
            "<%= system('id') %>", "{% import os %}{{ os.popen('id').read() }}", "x''.__class__.__base__.__subclasses__()"})
    void templateProbesAndGadgetChainsAreFound(String v) {
        assertThat(detector.inspect(v, NAME)).isPresent();
    }

    @ParameterizedTest
    @ValueSource(strings = {"Hello {{name}}", "${user.firstName}", "Total: {{ total }}", "#{id}", "{{#each items}}",
            "5 * 3 = 15", "`${a}-${b}`", "email@{{domain}}"})
    void ordinaryPlaceholdersAreNotInjection(String v) {
        assertThat(detector.inspect(v, NAME)).isEmpty();
    }

    @Test
    void aValueOfOpeningDelimitersOnlyIsJudgedInBoundedTime() {
        String braces = "{{".repeat(50_000);
        long start = System.nanoTime();
        detector.inspect(braces, NAME);
        assertThat(System.nanoTime() - start).isLessThan(1_000_000_000L);
    }
}
