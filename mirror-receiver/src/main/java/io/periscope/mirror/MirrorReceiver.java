package io.periscope.mirror;

import io.micrometer.core.instrument.MeterRegistry;
import io.periscope.events.time.PreciseClock;
import io.periscope.mirror.capture.LiveCapture;
import io.periscope.mirror.config.ReceiverConfig;
import io.periscope.mirror.decode.VniSessions;
import io.periscope.mirror.dispatch.SegmentDispatcher;
import io.periscope.mirror.dispatch.TickClock;
import io.periscope.mirror.metrics.ReceiverMetrics;
import io.periscope.mirror.metrics.ReceiverStats;
import io.periscope.segment.SegmentSinkFactory;
import io.periscope.mirror.udp.HealthCheckListener;
import io.periscope.mirror.udp.UdpReceiver;

/**
 * The network-facing receiver as one unit: UDP listener(s), the NLB health-check listener, an optional
 * live capture, and the reassembly workers they all feed. What the application starts.
 */
public final class MirrorReceiver implements AutoCloseable {
    private final ReceiverMetrics metrics;
    private final SegmentDispatcher dispatcher;
    private final UdpReceiver udp;
    private final HealthCheckListener health;
    private final LiveCapture live;

    public MirrorReceiver(ReceiverConfig config, SegmentSinkFactory sinks, MeterRegistry registry) {
        this(config, sinks, registry, new PreciseClock());
    }

    /** {@code clock} stamps received datagrams and ticks the workers, so idle timeouts run on the packets' time. */
    public MirrorReceiver(ReceiverConfig config, SegmentSinkFactory sinks, MeterRegistry registry, PreciseClock clock) {
        VniSessions sessions = new VniSessions(config.sessions());
        this.metrics = new ReceiverMetrics(registry, sessions);
        this.dispatcher = new SegmentDispatcher(config.dispatch(), config.dedup(), sinks, metrics, TickClock.wall(clock));
        this.udp = config.udp().enabled() ? new UdpReceiver(config.udp(), config.decoder(), sessions, metrics, dispatcher, clock) : null;
        this.health = config.health().enabled() ? new HealthCheckListener(config.health()) : null;
        this.live = config.live() == null ? null : new LiveCapture(config.live(), config.decoder(), sessions, metrics, dispatcher);
    }

    public synchronized void start() throws InterruptedException, java.io.IOException {
        dispatcher.start();
        try {
            if (udp != null) {
                udp.start();
            }
            if (health != null) {
                health.start();
            }
            if (live != null) {
                live.start();
            }
        } catch (RuntimeException | InterruptedException | java.io.IOException e) {
            close();
            throw e;
        }
    }

    /** Counter snapshot for the health and pipeline-status pages. */
    public ReceiverStats stats() {
        return metrics.snapshot();
    }

    /** Bound VXLAN port, or 0 when UDP is disabled. */
    public int udpPort() {
        return udp == null ? 0 : udp.vxlanPort();
    }

    /** Datagrams the kernel dropped on the UDP sockets (full receive buffers), or 0 when UDP is disabled. */
    public long kernelDropped() {
        return udp == null ? 0 : udp.kernelDropped();
    }

    /** Bound health-check port, or 0 when disabled. */
    public int healthPort() {
        return health == null ? 0 : health.port();
    }

    /** {@code epoll}, {@code nio}, or {@code none} when UDP is disabled. */
    public String transport() {
        return udp == null ? "none" : udp.transport();
    }

    /** Stops receiving, then drains the worker queues into the sinks and closes them. */
    @Override
    public synchronized void close() {
        if (udp != null) {
            udp.close();
        }
        if (health != null) {
            health.close();
        }
        if (live != null) {
            live.close();
        }
        dispatcher.close();
    }
}
