package io.periscope.events.http;

/**
 * A TCP connection, oriented from the client (the side that sent the request) to the server.
 * Addresses are textual IPv4 or IPv6 (RFC 5952 form, no brackets).
 *
 * @param id             stable id of the connection, equal for all exchanges it carried
 * @param clientAddress  TCP peer address of the client side
 * @param clientPort     TCP port of the client side
 * @param serverAddress  TCP address of the server side
 * @param serverPort     TCP port of the server side
 */
public record Connection(String id, String clientAddress, int clientPort, String serverAddress, int serverPort) {
}
