package io.periscope.mirror.udp;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramPacket;
import io.periscope.events.log.ThrottledLogger;
import io.periscope.events.time.PreciseClock;
import io.periscope.mirror.decode.LinkType;
import io.periscope.mirror.dispatch.PacketIntake;
import org.slf4j.LoggerFactory;

import java.time.Duration;

/**
 * Decodes each datagram of one socket. One handler per channel, and a channel is served by one event
 * loop thread, so the intake's decoder and the scratch array need no synchronisation.
 *
 * <p>The datagram is copied once into a reused heap array (epoll receives into direct memory) so the
 * decoder can work on a plain {@code byte[]}; the payload is copied once more, into the worker's slot.
 */
final class DatagramHandler extends SimpleChannelInboundHandler<DatagramPacket> {
    private static final ThrottledLogger ERRORS =
            new ThrottledLogger(LoggerFactory.getLogger(DatagramHandler.class), Duration.ofSeconds(10));

    private final PacketIntake intake;
    private final LinkType link;
    private final PreciseClock clock;
    private final byte[] scratch;

    DatagramHandler(PacketIntake intake, LinkType link, PreciseClock clock, int maxDatagramBytes) {
        super(true);
        this.intake = intake;
        this.link = link;
        this.clock = clock;
        this.scratch = new byte[maxDatagramBytes];
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket packet) {
        ByteBuf content = packet.content();
        int length = Math.min(content.readableBytes(), scratch.length);
        content.getBytes(content.readerIndex(), scratch, 0, length);
        intake.offer(scratch, 0, length, link, clock.micros());
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // A receive error (e.g. ICMP-induced) must not close the socket: log, keep receiving.
        ERRORS.warn("UDP receive error on {}", ctx.channel().localAddress(), cause);
    }
}
