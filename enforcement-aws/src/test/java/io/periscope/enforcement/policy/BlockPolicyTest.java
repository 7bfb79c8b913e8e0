package io.periscope.enforcement.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.periscope.events.detection.Severity;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class BlockPolicyTest {
    private final BlockPolicy policy = BlockPolicy.defaults();

    @Test
    void ttlStartsBySeverityAndClimbsForRepeatOffendersUpToTheLastStep() {
        assertThat(policy.ttl(Severity.MEDIUM, 0)).isEqualTo(Duration.ofHours(1));
        assertThat(policy.ttl(Severity.HIGH, 0)).isEqualTo(Duration.ofHours(6));
        assertThat(policy.ttl(Severity.HIGH, 1)).isEqualTo(Duration.ofHours(24));
        assertThat(policy.ttl(Severity.HIGH, 2)).isEqualTo(Duration.ofDays(7));
        assertThat(policy.ttl(Severity.CRITICAL, 50)).isEqualTo(Duration.ofDays(7));
    }

    @Test
    void theTotalCapMustStayBelowTheWafIpSetLimit() {
        assertThatThrownBy(() -> policy.withCaps(10, BlockPolicy.WAF_IP_SET_LIMIT)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void modesParseAsConfigured() {
        assertThat(EnforcementMode.parse("dry-run")).isEqualTo(EnforcementMode.DRY_RUN);
        assertThat(EnforcementMode.parse("Enforce")).isEqualTo(EnforcementMode.ENFORCE);
        assertThat(policy.mode()).isEqualTo(EnforcementMode.DRY_RUN);
    }
}
