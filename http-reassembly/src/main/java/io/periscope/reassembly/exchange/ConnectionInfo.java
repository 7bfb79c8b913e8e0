package io.periscope.reassembly.exchange;

import io.periscope.events.http.Connection;
import io.periscope.reassembly.enrich.Addresses;
import io.periscope.reassembly.tcp.FlowKey;

/**
 * The published identity of a connection, computed once (at its first exchange) and kept while it lives.
 *
 * @param id             {@code <first-seen micros, base 36>-<worker>-<serial>}: unique per receiver process
 * @param serverHostPort the server as {@code addr:port}, used when a request names no Host
 */
record ConnectionInfo(String id, String session, int vni, Connection connection, String serverHostPort) {

    static ConnectionInfo of(FlowKey key, int clientDirection, int worker, long serial, long firstSeenMicros) {
        int server = 1 - clientDirection;
        String clientAddress = Addresses.format(key.addrHi(clientDirection), key.addrLo(clientDirection));
        String serverAddress = Addresses.format(key.addrHi(server), key.addrLo(server));
        String id = Long.toString(firstSeenMicros, 36) + "-" + worker + "-" + serial;
        return new ConnectionInfo(id, key.session(), key.vni(),
                new Connection(id, clientAddress, key.port(clientDirection), serverAddress, key.port(server)),
                Addresses.hostPort(serverAddress, key.port(server)));
    }
}
