package io.periscope.mirror.udp;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.micrometer.core.instrument.Gauge;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.periscope.events.time.PreciseClock;
import io.periscope.mirror.config.DecoderConfig;
import io.periscope.mirror.config.UdpConfig;
import io.periscope.mirror.decode.LinkType;
import io.periscope.mirror.decode.VniSessions;
import io.periscope.mirror.dispatch.PacketIntake;
import io.periscope.mirror.dispatch.SegmentDispatcher;
import io.periscope.mirror.metrics.ReceiverMetrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Receives mirrored packets over UDP: VXLAN on {@code udp.port} and, optionally, GENEVE on
 * {@code udp.geneve-port} (a Gateway Load Balancer target).
 *
 * <p>On Linux with epoll, each of the {@code udp.threads} event loops owns its own socket bound with
 * SO_REUSEPORT, so the kernel spreads senders (outer 5-tuples) across threads, and each socket reads
 * with recvmmsg: {@code setMaxDatagramPayloadSize} plus a receive buffer {@code batch-size} times that
 * size makes Netty fill up to {@code batch-size} datagrams per system call. Elsewhere, NIO with one
 * socket per port.
 */
public final class UdpReceiver implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(UdpReceiver.class);
    public static final String SOURCE = "udp";
    public static final String KERNEL_DROPPED = "periscope.mirror.udp.kernel.dropped";

    private final UdpConfig config;
    private final DecoderConfig decoderConfig;
    private final VniSessions sessions;
    private final ReceiverMetrics metrics;
    private final SegmentDispatcher dispatcher;
    private final int maxDatagramBytes;
    private final boolean epoll;
    private final PreciseClock clock;
    private final List<Channel> channels = new ArrayList<>();
    private EventLoopGroup group;
    private int vxlanPort;
    private int genevePort;

    public UdpReceiver(UdpConfig config, DecoderConfig decoderConfig, VniSessions sessions, ReceiverMetrics metrics,
                       SegmentDispatcher dispatcher, PreciseClock clock) {
        this.config = config;
        this.decoderConfig = decoderConfig;
        this.sessions = sessions;
        this.metrics = metrics;
        this.dispatcher = dispatcher;
        this.clock = clock;
        this.maxDatagramBytes = config.maxDatagramBytes();
        this.epoll = config.nativeTransport() && Epoll.isAvailable();
    }

    /** Binds every socket; returns once they all listen. */
    public synchronized void start() throws InterruptedException {
        int threads = epoll ? config.threads() : 1;
        group = new MultiThreadIoEventLoopGroup(threads, new DefaultThreadFactory("periscope-udp", true),
                epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory());
        try {
            vxlanPort = bind(config.vxlanPort(), LinkType.VXLAN, threads);
            if (config.genevePort() != 0) {
                genevePort = bind(config.genevePort(), LinkType.GENEVE, threads);
            }
        } catch (RuntimeException | InterruptedException e) {
            close();
            throw e;
        }
        Gauge.builder(KERNEL_DROPPED, this, r -> KernelDrops.of(r.vxlanPort, r.genevePort))
                .description("datagrams the kernel dropped because the receive sockets' buffers were full")
                .register(metrics.registry());
        LOG.info("Mirror receiver listening on {} udp/{} (VXLAN){} with {} {} thread(s), SO_RCVBUF {}", config.bindAddress(), vxlanPort,
                genevePort != 0 ? " and udp/" + genevePort + " (GENEVE)" : "", threads, transport(), config.receiveBufferBytes());
        if (!epoll && config.threads() > 1) {
            LOG.warn("udp.threads={} needs the epoll transport (SO_REUSEPORT); NIO uses one receive thread", config.threads());
        }
    }

    private int bind(int port, LinkType link, int sockets) throws InterruptedException {
        int bound = port;
        for (int i = 0; i < sockets; i++) {
            Bootstrap b = new Bootstrap().group(group)
                    .option(ChannelOption.SO_RCVBUF, config.receiveBufferBytes())
                    .handler(new DatagramHandler(new PacketIntake(decoderConfig, sessions, metrics, SOURCE, dispatcher), link, clock, maxDatagramBytes));
            if (epoll) {
                b.channel(EpollDatagramChannel.class)
                        .option(EpollChannelOption.SO_REUSEPORT, true)
                        .option(EpollChannelOption.MAX_DATAGRAM_PAYLOAD_SIZE, maxDatagramBytes)
                        .option(ChannelOption.RECVBUF_ALLOCATOR, new FixedRecvByteBufAllocator(maxDatagramBytes * config.batchSize()));
            } else {
                b.channel(NioDatagramChannel.class)
                        .option(ChannelOption.RECVBUF_ALLOCATOR, new FixedRecvByteBufAllocator(maxDatagramBytes));
            }
            Channel channel = b.bind(new InetSocketAddress(config.bindAddress(), bound)).sync().channel();
            channels.add(channel);
            bound = ((InetSocketAddress) channel.localAddress()).getPort(); // port 0: the others join the one picked
        }
        return bound;
    }

    /** The bound VXLAN port (differs from the configured one when that is 0). */
    public int vxlanPort() {
        return vxlanPort;
    }

    /** Datagrams the kernel dropped on this receiver's sockets (full receive buffers); 0 where unknown. */
    public long kernelDropped() {
        return KernelDrops.of(vxlanPort, genevePort);
    }

    /** {@code epoll} or {@code nio}. */
    public String transport() {
        return epoll ? "epoll" : "nio";
    }

    @Override
    public synchronized void close() {
        for (Channel c : channels) {
            c.close().syncUninterruptibly();
        }
        channels.clear();
        if (group != null) {
            group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
            group = null;
        }
    }
}
