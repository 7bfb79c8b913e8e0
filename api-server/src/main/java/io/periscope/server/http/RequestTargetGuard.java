package io.periscope.server.http;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.util.ReferenceCountUtil;

/**
 * Turns a request whose target is malformed ({@link RequestTarget}) into a request that failed to decode,
 * exactly as Netty marks a malformed request line: Micronaut then answers 400 through its error processor,
 * runs no route and no filter, and closes the connection after the answer. What follows on the connection
 * (the body of that request, pipelined requests) is discarded, as Netty does after a bad message.
 *
 * <p>One instance per connection (it remembers that the connection is being discarded).
 */
final class RequestTargetGuard extends ChannelInboundHandlerAdapter {
    private boolean discarding;

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (discarding) {
            ReferenceCountUtil.release(msg);
            return;
        }
        if (msg instanceof HttpRequest request && request.decoderResult().isSuccess() && !RequestTarget.isValid(request.uri())) {
            DefaultFullHttpRequest rejected = new DefaultFullHttpRequest(request.protocolVersion(), request.method(), "/");
            rejected.setDecoderResult(DecoderResult.failure(new IllegalArgumentException("malformed request target")));
            ReferenceCountUtil.release(msg);
            discarding = true;
            ctx.fireChannelRead(rejected);
            return;
        }
        ctx.fireChannelRead(msg);
    }
}
