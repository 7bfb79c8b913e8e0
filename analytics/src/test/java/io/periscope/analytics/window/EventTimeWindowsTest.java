package io.periscope.analytics.window;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.Arrays;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class EventTimeWindowsTest {

    /** A window aggregate: the number of events and the sum of their values. */
    static final class Tally {
        long events;
        long sum;

        static void add(Tally tally, Long value) {
            tally.events++;
            tally.sum += value;
        }

        static byte[] encode(Tally tally) {
            return ByteBuffer.allocate(16).putLong(tally.events).putLong(tally.sum).array();
        }

        static Tally decode(byte[] bytes) {
            ByteBuffer in = ByteBuffer.wrap(bytes);
            Tally tally = new Tally();
            tally.events = in.getLong();
            tally.sum = in.getLong();
            return tally;
        }
    }

    private final List<ClosedWindow<Tally>> closed = new ArrayList<>();

    private EventTimeWindows<Tally> windows(long size, long advance, long lateness) {
        return new EventTimeWindows<>(new WindowSpec(size, advance, lateness), Tally::new, closed::add);
    }

    private List<String> closedSummary() {
        return closed.stream().map(w -> "[" + w.startMicros() + "," + w.endMicros() + ")=" + w.aggregate().events).toList();
    }

    @Test
    void forEachOpenVisitsTheOpenWindowsOldestFirstAndLeavesThemOpen() {
        EventTimeWindows<Tally> windows = windows(10, 10, 10);
        windows.add(3, 1L, Tally::add);
        windows.add(14, 2L, Tally::add);
        windows.add(15, 4L, Tally::add);
        List<String> seen = new ArrayList<>();
        windows.forEachOpen((start, tally) -> seen.add(start + ":" + tally.sum));
        assertThat(seen).containsExactly("0:1", "10:6");
        assertThat(windows.openWindows()).isEqualTo(2);
        assertThat(closed).isEmpty();
    }

    @Test
    void tumblingWindowClosesWhenStreamTimeReachesItsEnd() {
        EventTimeWindows<Tally> windows = windows(10, 10, 0);
        windows.add(1, 1L, Tally::add);
        windows.add(9, 1L, Tally::add);
        assertThat(closed).isEmpty();

        windows.add(10, 1L, Tally::add);

        assertThat(closedSummary()).containsExactly("[0,10)=2");
        assertThat(windows.openWindows()).isEqualTo(1);
    }

    @Test
    void eventsWithinAllowedLatenessStillCount() {
        EventTimeWindows<Tally> windows = windows(10, 10, 5);
        windows.add(3, 1L, Tally::add);
        windows.add(14, 1L, Tally::add);

        assertThat(windows.add(7, 1L, Tally::add)).isTrue();
        windows.advanceTo(15);

        assertThat(closedSummary()).containsExactly("[0,10)=2");
        assertThat(windows.lateEvents()).isZero();
    }

    @Test
    void eventsBeyondAllowedLatenessAreDroppedAndCounted() {
        EventTimeWindows<Tally> windows = windows(10, 10, 5);
        windows.add(3, 1L, Tally::add);
        windows.add(15, 1L, Tally::add);

        assertThat(windows.add(9, 100L, Tally::add)).isFalse();
        assertThat(windows.add(-500, 100L, Tally::add)).isFalse();

        assertThat(windows.lateEvents()).isEqualTo(2);
        assertThat(closed).singleElement().satisfies(w -> assertThat(w.aggregate().sum).isEqualTo(1));
    }

    @Test
    void lateEventInASlidingWindowLandsOnlyInItsStillOpenWindows() {
        EventTimeWindows<Tally> windows = windows(10, 5, 0);
        windows.add(12, 1L, Tally::add);
        // At stream time 12 the window [0,10) has closed but [5,15) is open: the event at 7 counts once.
        assertThat(windows.add(7, 1L, Tally::add)).isTrue();
        windows.advanceTo(100);

        assertThat(closedSummary()).containsExactly("[5,15)=2", "[10,20)=1");
        assertThat(windows.lateEvents()).isZero();
    }

    @Test
    void slidingWindowsEachSeeEveryEventTheyContain() {
        EventTimeWindows<Tally> windows = windows(10, 5, 0);
        for (long t = 0; t < 20; t++) {
            windows.add(t, t, Tally::add);
        }
        windows.advanceTo(1_000);

        assertThat(closedSummary()).containsExactly("[-5,5)=5", "[0,10)=10", "[5,15)=10", "[10,20)=10", "[15,25)=5");
        assertThat(closed.get(1).aggregate().sum).isEqualTo(45);
    }

    @Test
    void windowsWithoutEventsAreNeverEmitted() {
        EventTimeWindows<Tally> windows = windows(10, 10, 0);
        windows.add(5, 1L, Tally::add);
        windows.add(1_000_005, 1L, Tally::add);
        windows.advanceTo(Long.MAX_VALUE / 2);

        assertThat(closedSummary()).containsExactly("[0,10)=1", "[1000000,1000010)=1");
    }

    @Test
    void streamTimeNeverGoesBack() {
        EventTimeWindows<Tally> windows = windows(10, 10, 0);
        assertThat(windows.streamMicros()).isEqualTo(Long.MIN_VALUE);
        windows.add(50, 1L, Tally::add);
        windows.advanceTo(20);
        windows.add(45, 1L, Tally::add);

        assertThat(windows.streamMicros()).isEqualTo(50);
        assertThat(closed).isEmpty();
    }

    @Test
    void openWindowsStayWithinTheSpecBoundWhateverTheEventOrder() {
        WindowSpec spec = new WindowSpec(60, 7, 30);
        EventTimeWindows<Tally> windows = new EventTimeWindows<>(spec, Tally::new, closed::add);
        long accepted = 0;
        for (int i = 0; i < 10_000; i++) {
            long t = i + ((i * 7919L) % 97) - 48;
            if (windows.add(t, 1L, Tally::add)) {
                accepted++;
            }
            assertThat(windows.openWindows()).isLessThanOrEqualTo(spec.maxOpenWindows());
        }
        windows.advanceTo(Long.MAX_VALUE / 2);

        long windowed = closed.stream().mapToLong(w -> w.aggregate().events).sum();
        assertThat(accepted + windows.lateEvents()).isEqualTo(10_000);
        assertThat(windowed).isLessThanOrEqualTo(accepted * spec.windowsPerEvent()).isGreaterThanOrEqualTo(accepted);
        assertThat(windows.openWindows()).isZero();
        assertThat(closed).isSortedAccordingTo((a, b) -> Long.compare(a.startMicros(), b.startMicros()));
    }

    @Test
    void restoredWindowsCloseAcceptAndDropExactlyAsTheOriginal() {
        WindowSpec spec = new WindowSpec(10, 5, 3);
        long[] times = {1, 4, 9, 12, 7, 15, 2, 18, 14, 22, 25, 11, 31, 40, 38, 55};
        List<ClosedWindow<Tally>> fromOriginal = new ArrayList<>();
        List<ClosedWindow<Tally>> fromRestored = new ArrayList<>();
        EventTimeWindows<Tally> original = new EventTimeWindows<>(spec, Tally::new, fromOriginal::add);
        for (int i = 0; i < 8; i++) {
            original.add(times[i], times[i], Tally::add);
        }
        byte[] bytes = original.toBytes(Tally::encode);
        EventTimeWindows<Tally> restored = EventTimeWindows.fromBytes(bytes, spec, Tally::new, Tally::decode, fromRestored::add);
        int closedBefore = fromOriginal.size();

        assertThat(restored.streamMicros()).isEqualTo(original.streamMicros());
        assertThat(restored.openWindows()).isEqualTo(original.openWindows()).isPositive();
        for (long t : Arrays.copyOfRange(times, 8, times.length)) {
            assertThat(restored.add(t, t, Tally::add)).isEqualTo(original.add(t, t, Tally::add));
        }
        original.advanceTo(1_000);
        restored.advanceTo(1_000);

        List<ClosedWindow<Tally>> afterSnapshot = fromOriginal.subList(closedBefore, fromOriginal.size());
        assertThat(fromRestored).extracting(w -> w.startMicros() + ":" + w.aggregate().events + ":" + w.aggregate().sum)
                .containsExactlyElementsOf(afterSnapshot.stream().map(w -> w.startMicros() + ":" + w.aggregate().events + ":" + w.aggregate().sum).toList());
        assertThat(restored.lateEvents()).isEqualTo(original.lateEvents()).isPositive();
    }

    @Test
    void stateOfAnotherShapeOrDamagedStateIsRefused() {
        EventTimeWindows<Tally> windows = windows(10, 10, 0);
        windows.add(5, 1L, Tally::add);
        byte[] bytes = windows.toBytes(Tally::encode);

        assertThatThrownBy(() -> EventTimeWindows.fromBytes(bytes, new WindowSpec(10, 10, 1), Tally::new, Tally::decode, closed::add))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("written with");
        assertThatThrownBy(() -> EventTimeWindows.fromBytes(Arrays.copyOf(bytes, bytes.length - 3), new WindowSpec(10, 10, 0),
                Tally::new, Tally::decode, closed::add)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> EventTimeWindows.fromBytes(new byte[] {7}, new WindowSpec(10, 10, 0), Tally::new, Tally::decode, closed::add))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void emptyWindowsRoundTripToAnUnstartedStream() {
        WindowSpec spec = new WindowSpec(10, 10, 0);
        byte[] bytes = new EventTimeWindows<Tally>(spec, Tally::new, closed::add).toBytes(Tally::encode);
        EventTimeWindows<Tally> restored = EventTimeWindows.fromBytes(bytes, spec, Tally::new, Tally::decode, closed::add);
        assertThat(restored.streamMicros()).isEqualTo(Long.MIN_VALUE);
        assertThat(restored.add(-1_000_000, 1L, Tally::add)).isTrue();
    }
}
