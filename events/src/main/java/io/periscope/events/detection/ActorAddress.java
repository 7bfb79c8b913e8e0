package io.periscope.events.detection;

import io.periscope.events.http.ClientIpSource;

/**
 * An address an actor sent from, and how Periscope knows it. Enforcement blocks only addresses that were the resolved
 * client address of the actor's own requests ({@code source} not null); an address seen only in a client-supplied
 * header left of a trusted hop never becomes an {@code ActorAddress}.
 *
 * @param ip        the address, as a plain string ({@code 203.0.113.7}, {@code 2001:db8::1})
 * @param source    the evidence it was resolved from
 * @param requests  requests of the incident sent from it
 */
public record ActorAddress(String ip, ClientIpSource source, long requests) {
}
