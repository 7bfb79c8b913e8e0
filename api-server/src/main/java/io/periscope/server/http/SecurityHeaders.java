package io.periscope.server.http;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpStatusClass;

/**
 * Adds the security headers to every response that leaves the server, at the Netty level, so that no path
 * can skip them: routes, filters, error handlers, static files, and the 400 answers Micronaut writes for a
 * request it could not decode (those run no filter).
 *
 * <ul>
 *   <li>a Content-Security-Policy that allows scripts and styles from this server only (no inline script, no
 *       eval) and forbids being framed ({@code frame-ancestors 'none'}, with X-Frame-Options for old browsers);</li>
 *   <li>{@code X-Content-Type-Options: nosniff} and {@code Referrer-Policy: no-referrer};</li>
 *   <li>{@code Cache-Control: no-store} unless the response set its own (the static assets do, for caching):
 *       API answers and pages hold catalog data and must not stay in a shared or browser cache;</li>
 *   <li>on a 401, the challenge {@code WWW-Authenticate: Bearer realm="periscope"} (RFC 9110 §11.6.1).</li>
 * </ul>
 */
@ChannelHandler.Sharable
final class SecurityHeaders extends ChannelOutboundHandlerAdapter {
    static final String POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "connect-src 'self'; font-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";
    static final String CHALLENGE = "Bearer realm=\"periscope\"";

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (msg instanceof HttpResponse response && response.status().codeClass() != HttpStatusClass.INFORMATIONAL) {
            HttpHeaders headers = response.headers();
            headers.set("Content-Security-Policy", POLICY);
            headers.set("X-Content-Type-Options", "nosniff");
            headers.set("X-Frame-Options", "DENY");
            headers.set("Referrer-Policy", "no-referrer");
            if (!headers.contains(HttpHeaderNames.CACHE_CONTROL)) {
                headers.set(HttpHeaderNames.CACHE_CONTROL, "no-store");
            }
            if (response.status().code() == 401 && !headers.contains(HttpHeaderNames.WWW_AUTHENTICATE)) {
                headers.set(HttpHeaderNames.WWW_AUTHENTICATE, CHALLENGE);
            }
        }
        ctx.write(msg, promise);
    }
}
