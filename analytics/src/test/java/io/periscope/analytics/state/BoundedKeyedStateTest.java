package io.periscope.analytics.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class BoundedKeyedStateTest {
    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-12-01T00:00:00Z"));
    private final InstantSource clock = now::get;
    private final List<String> evictions = new ArrayList<>();

    private BoundedKeyedState<String, long[]> state(long maxEntries, Duration idle) {
        return new BoundedKeyedState<>(new StateBounds(maxEntries, idle), clock,
                (key, value, reason) -> evictions.add(key + ":" + value[0] + ":" + reason));
    }

    private void advance(Duration duration) {
        now.updateAndGet(t -> t.plus(duration));
    }

    @Test
    void stateIsCreatedOnceAndKeptWhileWithinBounds() {
        BoundedKeyedState<String, long[]> state = state(10, Duration.ofMinutes(5));
        state.getOrCreate("client", k -> new long[1])[0]++;
        state.getOrCreate("client", k -> new long[1])[0]++;

        assertThat(state.get("client")[0]).isEqualTo(2);
        assertThat(state.get("unknown")).isNull();
        assertThat(state.size()).isEqualTo(1);
    }

    @Test
    void sizeStaysBoundedAndEveryEvictionIsCountedAndTold() {
        BoundedKeyedState<String, long[]> state = state(100, Duration.ofHours(1));
        for (int i = 0; i < 10_000; i++) {
            state.getOrCreate("client-" + i, k -> new long[1]);
            assertThat(state.size()).isLessThanOrEqualTo(100);
        }

        assertThat(state.size()).isEqualTo(100);
        assertThat(state.evictedBySize()).isEqualTo(9_900);
        assertThat(state.evictedIdle()).isZero();
        assertThat(evictions).hasSize(9_900).allMatch(e -> e.endsWith(":SIZE"));
    }

    @Test
    void idleKeysAreEvictedByTheInjectedClockOnly() {
        BoundedKeyedState<String, long[]> state = state(100, Duration.ofMinutes(5));
        state.put("quiet", new long[] {7});
        state.put("busy", new long[] {1});

        advance(Duration.ofMinutes(4));
        state.get("busy");
        state.evictIdle();
        assertThat(state.size()).isEqualTo(2);

        advance(Duration.ofMinutes(2));
        state.evictIdle();

        assertThat(state.get("quiet")).isNull();
        assertThat(state.get("busy")).isNotNull();
        assertThat(state.evictedIdle()).isEqualTo(1);
        assertThat(evictions).containsExactly("quiet:7:IDLE");
    }

    @Test
    void removalByTheOwnerIsNotAnEviction() {
        BoundedKeyedState<String, long[]> state = state(10, Duration.ofMinutes(5));
        state.put("gone", new long[1]);
        state.remove("gone");

        assertThat(state.size()).isZero();
        assertThat(state.evictedBySize() + state.evictedIdle()).isZero();
        assertThat(evictions).isEmpty();
    }

    @Test
    void impossibleBoundsAreRefused() {
        assertThatThrownBy(() -> new StateBounds(0, Duration.ofMinutes(1))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new StateBounds(1, Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void visitingEveryKeyForAFlushDoesNotKeepQuietKeysAlive() {
        BoundedKeyedState<String, long[]> state = state(10, Duration.ofMinutes(5));
        state.put("a", new long[] {1});
        state.put("b", new long[] {2});
        List<String> visited = new ArrayList<>();

        advance(Duration.ofMinutes(3));
        state.forEach((key, value) -> visited.add(key + "=" + value[0]));
        advance(Duration.ofMinutes(3));
        state.evictIdle();

        assertThat(visited).containsExactlyInAnyOrder("a=1", "b=2");
        assertThat(state.size()).isZero();
        assertThat(state.evictedIdle()).isEqualTo(2);
    }
}
