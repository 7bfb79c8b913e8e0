package io.periscope.server.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class StageMetersTest {

    @Test
    void metersAreGroupedByTheStageInTheirNameAndOthersIgnored() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        registry.counter("periscope.receiver.packets", "outcome", "decoded").increment(10);
        registry.counter("periscope.discovery.exchanges", "outcome", "cataloged", "reason", "none").increment(4);
        registry.gauge("periscope.receiver.queue.depth", new AtomicInteger(7));
        registry.counter("jvm.threads").increment();
        registry.counter("periscope").increment();

        List<StageMeters.Stage> stages = new StageMeters(registry).stages();
        assertThat(stages).extracting(StageMeters.Stage::stage).containsExactly("discovery", "receiver");
        assertThat(stages.get(1).meters()).extracting(StageMeters.MeterValue::name)
                .containsExactly("periscope.receiver.packets", "periscope.receiver.queue.depth");
        assertThat(stages.get(1).meters().get(1).value()).isEqualTo(7.0);
        assertThat(stages.get(0).dropped()).isZero();
    }

    @Test
    void dropsAreCountedByReasonFromTheOutcomeTagOrTheName() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        registry.counter("periscope.reassembly.segments", "outcome", "dropped", "reason", "out_of_window").increment(5);
        registry.counter("periscope.reassembly.segments", "outcome", "dropped", "reason", "no_flow").increment(2);
        registry.counter("periscope.reassembly.segments", "outcome", "accepted").increment(100);
        registry.counter("periscope.reassembly.rules.rejected", "reason", "bad_pattern").increment();
        registry.counter("periscope.reassembly.bodies.dropped").increment(3);
        registry.counter("periscope.reassembly.segments", "outcome", "dropped", "reason", "never").increment(0);

        StageMeters.Stage stage = new StageMeters(registry).stages().get(0);
        assertThat(stage.drops()).extracting(StageMeters.Drop::reason)
                .containsExactlyInAnyOrder("unspecified", "bad_pattern", "no_flow", "out_of_window");
        assertThat(stage.dropped()).isEqualTo(11.0);
    }
}
