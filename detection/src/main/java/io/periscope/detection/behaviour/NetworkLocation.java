package io.periscope.detection.behaviour;

import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A configured place: the networks (CIDR blocks) that are in it and its coordinates. Impossible travel needs a
 * distance, and offline there is no GeoIP database, so only configured networks have one.
 *
 * @param name      the place's name ({@code paris-office})
 * @param networks  CIDR blocks, IPv4 or IPv6
 * @param latitude  degrees
 * @param longitude degrees
 */
public record NetworkLocation(String name, List<String> networks, double latitude, double longitude) {
    private static final double EARTH_RADIUS_KM = 6371.0;

    public NetworkLocation {
        Objects.requireNonNull(name, "name");
        networks = List.copyOf(networks);
        if (networks.isEmpty() || latitude < -90 || latitude > 90 || longitude < -180 || longitude > 180) {
            throw new IllegalArgumentException("location " + name + " needs networks and coordinates in range");
        }
        for (String n : networks) {
            if (new IPAddressString(n).getAddress() == null) {
                throw new IllegalArgumentException("location " + name + ": not a CIDR block: " + n);
            }
        }
    }

    /** The blocks, parsed once per detector. */
    List<IPAddress> blocks() {
        List<IPAddress> out = new ArrayList<>(networks.size());
        for (String n : networks) {
            out.add(new IPAddressString(n).getAddress().toPrefixBlock());
        }
        return out;
    }

    /** Great-circle distance in kilometres (haversine). */
    double distanceKm(NetworkLocation other) {
        double dLat = Math.toRadians(other.latitude - latitude);
        double dLon = Math.toRadians(other.longitude - longitude);
        double a = Math.sin(dLat / 2) * Math.sin(dLat / 2) + Math.cos(Math.toRadians(latitude))
                * Math.cos(Math.toRadians(other.latitude)) * Math.sin(dLon / 2) * Math.sin(dLon / 2);
        return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(a)));
    }
}
