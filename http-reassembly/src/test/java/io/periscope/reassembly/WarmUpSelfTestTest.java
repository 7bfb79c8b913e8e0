package io.periscope.reassembly;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.periscope.events.http.ExchangeFlag;
import io.periscope.mirror.config.ReceiverConfig;
import io.periscope.mirror.config.WarmUpConfig;
import io.periscope.mirror.warmup.WarmUp;
import io.periscope.mirror.warmup.WarmUpReport;
import io.periscope.reassembly.support.Harness;
import java.time.Duration;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.api.Test;

/** The receiver's warm-up runs the real reassembly over the synthetic capture, and every exchange in it comes out whole. */
class WarmUpSelfTestTest {
    @Test
    void everySyntheticExchangeIsRecoveredCompleteOnEveryPass() throws InterruptedException {
        LongAdder exchanges = new LongAdder();
        java.util.Map<ExchangeFlag, Long> flagged = new java.util.concurrent.ConcurrentHashMap<>();
        ReassemblySinkFactory sinks = new ReassemblySinkFactory(ReassemblyConfig.builder(Harness.SECRET).build(), e -> {
            exchanges.increment();
            e.flags().forEach(f -> flagged.merge(f, 1L, Long::sum));
        }, new SimpleMeterRegistry());
        ReceiverConfig config = ReceiverConfig.defaults().withWarmUp(new WarmUpConfig(true, 45_000, Duration.ofMinutes(2)));

        WarmUpReport report = WarmUp.run(config, sinks, exchanges::sum);

        assertThat(flagged).as("exchanges unpaired, with gaps, partial, truncated or malformed").isEmpty();
        assertThat(report.packets()).isGreaterThanOrEqualTo(45_000);
        assertThat(report.exchangesExpected()).isPositive();
        assertThat(report.exchangesRecovered()).isEqualTo(report.exchangesExpected());
        assertThat(report.selfTestPassed()).isTrue();
        System.out.println("warm-up: " + report.describe());
    }

    @Test
    void aDisabledWarmUpSendsNothing() throws InterruptedException {
        ReassemblySinkFactory sinks = new ReassemblySinkFactory(ReassemblyConfig.builder(Harness.SECRET).build(), e -> {
            throw new AssertionError("no exchange expected");
        }, new SimpleMeterRegistry());
        WarmUpReport report = WarmUp.run(ReceiverConfig.defaults().withWarmUp(WarmUpConfig.disabled()), sinks, () -> 0);
        assertThat(report).isEqualTo(WarmUpReport.SKIPPED);
    }
}
