package io.periscope.server.http;

import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import io.micronaut.http.netty.channel.ChannelPipelineCustomizer;
import io.micronaut.http.server.netty.NettyServerCustomizer;
import io.netty.channel.Channel;
import jakarta.inject.Singleton;

/**
 * Puts {@link RequestTargetGuard} and {@link SecurityHeaders} into every HTTP connection's pipeline, right
 * before Micronaut's request handler: the guard sees each decoded request before Micronaut parses its target,
 * and every response Micronaut writes passes through the headers.
 */
@Singleton
public class HttpHardening implements BeanCreatedEventListener<NettyServerCustomizer.Registry> {
    private static final SecurityHeaders HEADERS = new SecurityHeaders();

    @Override
    public NettyServerCustomizer.Registry onCreated(BeanCreatedEvent<NettyServerCustomizer.Registry> event) {
        event.getBean().register(new Unbound());
        return event.getBean();
    }

    /** The server-wide customizer; it binds itself to each connection. */
    private static final class Unbound implements NettyServerCustomizer {
        @Override
        public NettyServerCustomizer specializeForChannel(Channel channel, ChannelRole role) {
            return role == ChannelRole.LISTENER ? this : new ForConnection(channel);
        }
    }

    private record ForConnection(Channel channel) implements NettyServerCustomizer {
        @Override
        public NettyServerCustomizer specializeForChannel(Channel child, ChannelRole role) {
            return new ForConnection(child);
        }

        @Override
        public void onStreamPipelineBuilt() {
            channel.pipeline().addBefore(ChannelPipelineCustomizer.HANDLER_MICRONAUT_INBOUND, "periscope-request-target",
                    new RequestTargetGuard());
            channel.pipeline().addBefore(ChannelPipelineCustomizer.HANDLER_MICRONAUT_INBOUND, "periscope-security-headers",
                    HEADERS);
        }
    }
}
