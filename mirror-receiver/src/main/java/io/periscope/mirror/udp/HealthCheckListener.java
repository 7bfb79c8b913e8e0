package io.periscope.mirror.udp;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.ChannelInitializer;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.periscope.mirror.config.HealthCheckConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

/**
 * TCP listener for Network Load Balancer target-group health checks: a TCP health check passes when
 * the connection is accepted, so every connection is accepted and closed at once. NLBs never
 * health-check over UDP, hence this listener next to the UDP one (by default on the same port number).
 */
public final class HealthCheckListener implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(HealthCheckListener.class);

    private final HealthCheckConfig config;
    private EventLoopGroup group;
    private Channel channel;

    public HealthCheckListener(HealthCheckConfig config) {
        this.config = config;
    }

    public synchronized void start() throws InterruptedException {
        group = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("periscope-health", true), NioIoHandler.newFactory());
        try {
            channel = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                    .option(ChannelOption.SO_REUSEADDR, true)
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel ch) {
                            ch.pipeline().addLast(new ChannelInboundHandlerAdapter() {
                                @Override
                                public void channelActive(ChannelHandlerContext ctx) {
                                    ctx.close();
                                }

                                @Override
                                public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
                                    ctx.close(); // a peer reset during close is normal for health checkers
                                }
                            });
                        }
                    })
                    .bind(new InetSocketAddress(config.bindAddress(), config.port())).sync().channel();
        } catch (RuntimeException | InterruptedException e) {
            close();
            throw e;
        }
        LOG.info("Health-check listener on {} tcp/{}", config.bindAddress(), port());
    }

    /** The bound port (differs from the configured one when that is 0). */
    public int port() {
        return ((InetSocketAddress) channel.localAddress()).getPort();
    }

    @Override
    public synchronized void close() {
        if (channel != null) {
            channel.close().syncUninterruptibly();
            channel = null;
        }
        if (group != null) {
            group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
            group = null;
        }
    }
}
