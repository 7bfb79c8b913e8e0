package io.periscope.server.auth;

import io.micronaut.http.HttpRequest;
import io.periscope.events.http.Header;
import io.periscope.reassembly.enrich.ClientIpResolver;
import io.periscope.server.config.PeriscopeSettings;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;

/**
 * The address of the client behind an HTTP request, resolved through the configured trusted proxies
 * ({@code periscope.http.trusted-proxies}) with the rule Periscope applies to mirrored traffic
 * ({@link ClientIpResolver}: walk the forwarding chain from the right while the hop is a trusted proxy).
 * A client talking directly, or through a proxy that is not trusted, is its TCP peer whatever headers it sends;
 * behind a trusted proxy it is the address that proxy saw, never an entry the client wrote itself.
 */
@Singleton
public class ClientAddress {
    private final ClientIpResolver resolver;
    private final List<String> headerNames;

    public ClientAddress(PeriscopeSettings settings) {
        this.headerNames = settings.auth().clientIpHeaders();
        this.resolver = new ClientIpResolver(settings.auth().trustedProxies(), headerNames);
    }

    public String of(HttpRequest<?> request) {
        String peer = request.getRemoteAddress().getAddress().getHostAddress();
        List<Header> headers = new ArrayList<>(2);
        for (String name : headerNames) {
            for (String value : request.getHeaders().getAll(name)) {
                headers.add(new Header(name, value));
            }
        }
        return resolver.resolve(peer, headers).address();
    }
}
