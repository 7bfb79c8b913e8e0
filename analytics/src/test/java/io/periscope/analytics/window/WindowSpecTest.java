package io.periscope.analytics.window;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class WindowSpecTest {

    @Test
    void tumblingWindowsHoldEachEventOnce() {
        WindowSpec spec = WindowSpec.tumbling(Duration.ofSeconds(10), Duration.ofSeconds(2));
        assertThat(spec.windowsPerEvent()).isEqualTo(1);
        assertThat(spec.maxOpenWindows()).isEqualTo(2);
        assertThat(spec.sizeMicros()).isEqualTo(10_000_000L);
    }

    @Test
    void slidingWindowsHoldEachEventInSizeOverAdvanceWindows() {
        WindowSpec spec = WindowSpec.sliding(Duration.ofMinutes(5), Duration.ofMinutes(1), Duration.ZERO);
        assertThat(spec.windowsPerEvent()).isEqualTo(5);
        assertThat(spec.maxOpenWindows()).isEqualTo(5);
        assertThat(spec.oldestWindowContaining(60_000_000L)).isEqualTo(-3);
        assertThat(spec.newestWindowContaining(60_000_000L)).isEqualTo(1);
    }

    @Test
    void windowsAreAlignedToTheEpochEvenBeforeIt() {
        WindowSpec spec = new WindowSpec(10, 10, 0);
        assertThat(spec.newestWindowContaining(-1)).isEqualTo(-1);
        assertThat(spec.startOf(spec.newestWindowContaining(-1))).isEqualTo(-10);
    }

    @Test
    void impossibleShapesAreRefused() {
        assertThatThrownBy(() -> new WindowSpec(0, 0, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new WindowSpec(10, 20, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new WindowSpec(10, 5, -1)).isInstanceOf(IllegalArgumentException.class);
    }
}
