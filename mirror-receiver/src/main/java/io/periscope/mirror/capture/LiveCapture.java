package io.periscope.mirror.capture;

import io.periscope.events.log.ThrottledLogger;
import io.periscope.mirror.config.DecoderConfig;
import io.periscope.mirror.config.LiveCaptureConfig;
import io.periscope.mirror.decode.LinkType;
import io.periscope.mirror.decode.VniSessions;
import io.periscope.mirror.dispatch.PacketIntake;
import io.periscope.mirror.dispatch.SegmentDispatcher;
import io.periscope.mirror.metrics.ReceiverMetrics;
import org.pcap4j.core.BpfProgram;
import org.pcap4j.core.NotOpenException;
import org.pcap4j.core.PcapHandle;
import org.pcap4j.core.PcapNativeException;
import org.pcap4j.core.PcapNetworkInterface;
import org.pcap4j.core.Pcaps;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.EOFException;
import java.io.IOException;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.concurrent.TimeoutException;

/**
 * Captures from a network interface through libpcap (pcap4j), for deployments without AWS
 * mirroring: a SPAN port, or a Linux vxlan device. Packets take the same path as UDP ones (decoder,
 * dispatcher, metrics under source {@code live}); a full worker queue drops and counts.
 *
 * <p>pcap4j hands over each packet as a fresh array plus a {@link Timestamp}: this source allocates
 * per packet, unlike the UDP and file paths. It is meant for SPAN-port rates, not for the mirror target.
 */
public final class LiveCapture implements AutoCloseable {
    public static final String SOURCE = "live";
    private static final Logger LOG = LoggerFactory.getLogger(LiveCapture.class);
    private static final ThrottledLogger ERRORS = new ThrottledLogger(LOG, Duration.ofSeconds(10));

    private final LiveCaptureConfig config;
    private final PacketIntake intake;
    private PcapHandle handle;
    private Thread thread;
    private volatile boolean running;

    public LiveCapture(LiveCaptureConfig config, DecoderConfig decoder, VniSessions sessions, ReceiverMetrics metrics, SegmentDispatcher dispatcher) {
        this.config = config;
        this.intake = new PacketIntake(decoder, sessions, metrics, SOURCE, dispatcher);
    }

    /**
     * Whether libpcap can be loaded here (the {@code libpcap0.8} package on Debian/Ubuntu).
     *
     * @return the libpcap version string, or null when it is missing
     */
    public static String libpcapVersion() {
        try {
            return Pcaps.libVersion();
        } catch (LinkageError | RuntimeException e) {
            return null;
        }
    }

    /** Opens the interface (needs CAP_NET_RAW), applies the BPF filter and starts the capture thread. */
    public synchronized void start() throws IOException {
        if (libpcapVersion() == null) {
            throw new IOException("libpcap is not installed (Debian/Ubuntu: apt-get install libpcap0.8)");
        }
        try {
            PcapNetworkInterface device = Pcaps.getDevByName(config.interfaceName());
            if (device == null) {
                throw new IOException("no capture device named " + config.interfaceName());
            }
            handle = new PcapHandle.Builder(config.interfaceName())
                    .snaplen(config.snapLength())
                    .promiscuousMode(config.promiscuous() ? PcapNetworkInterface.PromiscuousMode.PROMISCUOUS : PcapNetworkInterface.PromiscuousMode.NONPROMISCUOUS)
                    .timeoutMillis((int) config.readTimeout().toMillis())
                    .bufferSize(32 << 20)
                    .timestampPrecision(PcapHandle.TimestampPrecision.MICRO)
                    .build();
            if (!config.bpfFilter().isEmpty()) {
                handle.setFilter(config.bpfFilter(), BpfProgram.BpfCompileMode.OPTIMIZE);
            }
        } catch (PcapNativeException | NotOpenException e) {
            close();
            throw new IOException("cannot capture on " + config.interfaceName() + ": " + e.getMessage(), e);
        }
        int dlt = handle.getDlt().value();
        LinkType link = LinkType.fromPcap(dlt);
        running = true;
        thread = new Thread(() -> loop(link), "periscope-live-" + config.interfaceName());
        thread.setDaemon(true);
        thread.start();
        LOG.info("Capturing on {} (link type {}, filter '{}')", config.interfaceName(), dlt, config.bpfFilter());
    }

    private void loop(LinkType link) {
        while (running) {
            byte[] packet;
            try {
                packet = handle.getNextRawPacketEx();
            } catch (TimeoutException e) {
                continue; // read timeout with nothing captured
            } catch (EOFException | NotOpenException e) {
                break;
            } catch (PcapNativeException e) {
                if (running) {
                    ERRORS.warn("libpcap read error on {}", config.interfaceName(), e);
                }
                continue;
            }
            if (link == null) {
                intake.unsupportedLinkType(packet.length);
                continue;
            }
            Timestamp ts = handle.getTimestamp();
            long micros = ts.getTime() / 1000 * 1_000_000 + ts.getNanos() / 1000;
            intake.offer(packet, 0, packet.length, link, micros);
        }
    }

    @Override
    public synchronized void close() {
        running = false;
        if (handle != null) {
            try {
                handle.breakLoop();
            } catch (NotOpenException e) {
                // already closed
            }
        }
        if (thread != null) {
            try {
                thread.join(config.readTimeout().toMillis() + 2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            thread = null;
        }
        if (handle != null) {
            handle.close();
            handle = null;
        }
    }
}
