package io.periscope.analytics.window;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Windows of one key (or of one whole stream) over event time, each holding a mutable aggregate.
 *
 * <p>Invariants:
 * <ul>
 *   <li>The stream time is the largest event time seen or given to {@link #advanceTo(long)}; it never
 *       goes back, and nothing else moves it (no clock is read).</li>
 *   <li>A window is open while {@code end + allowedLateness > streamTime}. Once closed, it is handed to
 *       the sink exactly once, windows in start order, and never reopened.</li>
 *   <li>Late-event rule: an event goes into every open window that contains it. An event none of whose
 *       windows is open is dropped and counted in {@link #lateEvents()}; with sliding windows an event
 *       may land in its newer windows only, their older neighbours having closed.</li>
 *   <li>Windows are created by their first event: a window without events is never emitted.</li>
 *   <li>At most {@link WindowSpec#maxOpenWindows()} windows are open, whatever the event times: memory
 *       is a fixed ring of that many slots.</li>
 *   <li>{@link #toBytes} and {@link #fromBytes} carry the stream time, the late count and every open
 *       window, so a restored instance closes, accepts and drops exactly as the original would have.</li>
 * </ul>
 * Not thread-safe: one instance belongs to one stream task, like a Kafka Streams processor's state.
 *
 * @param <A> the aggregate of one window, created by the supplier and updated in place
 */
public final class EventTimeWindows<A> {
    private final WindowSpec spec;
    private final Supplier<? extends A> newAggregate;
    private final Consumer<? super ClosedWindow<A>> sink;
    // The ring: the window numbered n lives in slot floorMod(n, capacity) while open.
    private final long[] slotWindow;
    private final Object[] slotAggregate;

    private boolean started;
    private long streamMicros;
    private long oldestOpen;
    private long lateEvents;
    private int openWindows;

    private static final byte FORMAT_VERSION = 1;

    public EventTimeWindows(WindowSpec spec, Supplier<? extends A> newAggregate, Consumer<? super ClosedWindow<A>> sink) {
        this.spec = spec;
        this.newAggregate = newAggregate;
        this.sink = sink;
        int capacity = spec.maxOpenWindows();
        this.slotWindow = new long[capacity];
        this.slotAggregate = new Object[capacity];
    }

    /**
     * Adds an event: first moves the stream time to {@code eventMicros} if it is newer (closing windows),
     * then applies {@code accumulate} to the aggregate of every open window containing the event. Pass a
     * method reference or a non-capturing lambda so that the per-event path allocates nothing but new
     * windows.
     *
     * @return false when the event was late for every window it belongs to, and so dropped and counted
     */
    public <V> boolean add(long eventMicros, V value, BiConsumer<? super A, ? super V> accumulate) {
        advanceTo(eventMicros);
        long first = Math.max(spec.oldestWindowContaining(eventMicros), oldestOpen);
        long last = spec.newestWindowContaining(eventMicros);
        if (first > last) {
            lateEvents++;
            return false;
        }
        for (long window = first; window <= last; window++) {
            accumulate.accept(aggregateOf(window), value);
        }
        return true;
    }

    /**
     * Moves the stream time forward (a punctuation from the task's stream time, so that quiet keys close
     * their windows too) and hands every window that closes to the sink. An older time changes nothing.
     */
    public void advanceTo(long newStreamMicros) {
        if (!started) {
            started = true;
            streamMicros = newStreamMicros;
            oldestOpen = spec.oldestOpenWindow(newStreamMicros);
            return;
        }
        if (newStreamMicros <= streamMicros) {
            return;
        }
        streamMicros = newStreamMicros;
        long newOldestOpen = spec.oldestOpenWindow(newStreamMicros);
        // Every open window lies within capacity of the old oldest: a jump of days visits each slot once at most.
        long stop = Math.min(newOldestOpen, oldestOpen + slotWindow.length);
        for (long window = oldestOpen; window < stop; window++) {
            int slot = slot(window);
            if (slotAggregate[slot] != null && slotWindow[slot] == window) {
                close(window, slot);
            }
        }
        oldestOpen = newOldestOpen;
    }

    /** The stream time in epoch microseconds; {@code Long.MIN_VALUE} before the first event. */
    public long streamMicros() {
        return started ? streamMicros : Long.MIN_VALUE;
    }

    /** Events dropped because every window they belong to had closed. */
    public long lateEvents() {
        return lateEvents;
    }

    public int openWindows() {
        return openWindows;
    }

    /**
     * Hands every open window's start and aggregate to {@code visitor}, oldest first, leaving them open: for a
     * caller that folds one key's windows into another's (a merge of keys).
     */
    @SuppressWarnings("unchecked")
    public void forEachOpen(BiConsumer<Long, ? super A> visitor) {
        for (long window = oldestOpen; window < oldestOpen + slotWindow.length; window++) {
            int slot = slot(window);
            if (slotAggregate[slot] != null && slotWindow[slot] == window) {
                visitor.accept(spec.startOf(window), (A) slotAggregate[slot]);
            }
        }
    }

    /**
     * The state as bytes, for a store that survives restarts: the spec, the stream time, the late count
     * and each open window with its aggregate written by {@code encode}.
     */
    @SuppressWarnings("unchecked")
    public byte[] toBytes(Function<? super A, byte[]> encode) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(FORMAT_VERSION);
            out.writeLong(spec.sizeMicros());
            out.writeLong(spec.advanceMicros());
            out.writeLong(spec.allowedLatenessMicros());
            out.writeBoolean(started);
            out.writeLong(streamMicros);
            out.writeLong(oldestOpen);
            out.writeLong(lateEvents);
            out.writeInt(openWindows);
            for (long window = oldestOpen; window < oldestOpen + slotWindow.length; window++) {
                int slot = slot(window);
                if (slotAggregate[slot] != null && slotWindow[slot] == window) {
                    byte[] aggregate = encode.apply((A) slotAggregate[slot]);
                    out.writeLong(window);
                    out.writeInt(aggregate.length);
                    out.write(aggregate);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("a byte array stream does not fail", e);
        }
        return bytes.toByteArray();
    }

    /**
     * Reads {@link #toBytes}. A spec other than the one written is refused, not adapted: windows of
     * another shape are another state, and the caller decides whether to start empty.
     *
     * @throws IllegalArgumentException when the bytes are damaged or were written with another spec
     */
    public static <A> EventTimeWindows<A> fromBytes(byte[] bytes, WindowSpec spec, Supplier<? extends A> newAggregate,
            Function<byte[], ? extends A> decode, Consumer<? super ClosedWindow<A>> sink) {
        EventTimeWindows<A> windows = new EventTimeWindows<>(spec, newAggregate, sink);
        try {
            ByteBuffer in = ByteBuffer.wrap(bytes);
            if (in.get() != FORMAT_VERSION) {
                throw new IllegalArgumentException("unknown event-time windows format");
            }
            WindowSpec written = new WindowSpec(in.getLong(), in.getLong(), in.getLong());
            if (!written.equals(spec)) {
                throw new IllegalArgumentException("windows written with " + written + ", asked for " + spec);
            }
            windows.started = in.get() != 0;
            windows.streamMicros = in.getLong();
            windows.oldestOpen = in.getLong();
            windows.lateEvents = in.getLong();
            int open = in.getInt();
            for (int i = 0; i < open; i++) {
                long window = in.getLong();
                byte[] aggregate = new byte[in.getInt()];
                in.get(aggregate);
                if (window < windows.oldestOpen || window >= windows.oldestOpen + windows.slotWindow.length) {
                    throw new IllegalArgumentException("window " + window + " is not open at the written stream time");
                }
                int slot = windows.slot(window);
                if (windows.slotAggregate[slot] != null) {
                    throw new IllegalArgumentException("window " + window + " written twice");
                }
                windows.slotWindow[slot] = window;
                windows.slotAggregate[slot] = decode.apply(aggregate);
                windows.openWindows++;
            }
            if (in.hasRemaining()) {
                throw new IllegalArgumentException(in.remaining() + " bytes after the last window");
            }
        } catch (BufferUnderflowException | NegativeArraySizeException e) {
            throw new IllegalArgumentException("truncated event-time windows", e);
        }
        return windows;
    }

    @SuppressWarnings("unchecked") // slots hold only aggregates made by newAggregate
    private A aggregateOf(long window) {
        int slot = slot(window);
        Object aggregate = slotAggregate[slot];
        if (aggregate == null || slotWindow[slot] != window) {
            aggregate = newAggregate.get();
            slotAggregate[slot] = aggregate;
            slotWindow[slot] = window;
            openWindows++;
        }
        return (A) aggregate;
    }

    @SuppressWarnings("unchecked")
    private void close(long window, int slot) {
        A aggregate = (A) slotAggregate[slot];
        slotAggregate[slot] = null;
        openWindows--;
        long start = spec.startOf(window);
        sink.accept(new ClosedWindow<>(start, start + spec.sizeMicros(), aggregate));
    }

    private int slot(long window) {
        return (int) Math.floorMod(window, (long) slotWindow.length);
    }
}
