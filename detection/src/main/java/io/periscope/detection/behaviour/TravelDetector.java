package io.periscope.detection.behaviour;

import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;
import io.periscope.events.detection.Outcome;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Impossible travel and session hijack: where each credential of the actor was last used, across windows.
 * <ul>
 *   <li>impossible travel: a credential seen in two configured {@link NetworkLocation}s at least
 *       {@code minDistanceKm} apart, faster than {@code maxSpeedKmh};</li>
 *   <li>session hijack: a credential changing networks {@code hijackChanges} times within {@code hijackWindow}.
 *       A network is a configured location, else the {@code /16} (IPv4) or {@code /48} (IPv6) block: addresses of
 *       one provider's pool or one office rarely leave it, while a phone going from Wi-Fi to mobile and back changes
 *       twice; three changes in five minutes is one token in two places at once.</li>
 * </ul>
 * Limits: without configured locations nothing is known of distance, so a single move to a far network is not
 * reported; a VPN or a proxy pool behind one address looks like one place. At most {@value #MAX_TRAILS}
 * credentials are followed per actor (the least recently used dropped).
 */
final class TravelDetector implements BehaviourDetector {
    static final int MAX_TRAILS = 8;
    private static final double MICROS_PER_HOUR = 3_600_000_000.0;

    private final TravelSettings settings;
    private final List<Located> locations = new ArrayList<>();

    /** A configured location with its parsed blocks. */
    private record Located(NetworkLocation location, List<IPAddress> blocks) {
    }

    TravelDetector(TravelSettings settings) {
        this.settings = settings;
        for (NetworkLocation l : settings.locations()) {
            locations.add(new Located(l, l.blocks()));
        }
    }

    @Override
    public void observe(Observation o, ActorProfile profile, Peers peers, List<Finding> out) {
        String credential = o.principals().credential();
        String ip = o.principals().clientIp();
        if (credential == null || ip == null) {
            return;
        }
        IPAddress address = new IPAddressString(ip).getAddress();
        if (address == null) {
            return;
        }
        NetworkLocation location = locate(address);
        String network = location != null ? "loc:" + location.name() : block(address);
        Map<String, CredentialTrail> trails = profile.trails;
        CredentialTrail trail = trails.get(credential);
        if (trail == null) {
            if (trails.size() >= MAX_TRAILS) {
                trails.entrySet().stream().min(Comparator.comparingLong(e -> e.getValue().lastMicros))
                        .ifPresent(e -> trails.remove(e.getKey()));
            }
            trail = new CredentialTrail();
            trail.network = network;
            trail.location = location == null ? null : location.name();
            trail.lastMicros = o.timeMicros();
            trails.put(credential, trail);
            return;
        }
        if (network.equals(trail.network)) {
            trail.lastMicros = Math.max(trail.lastMicros, o.timeMicros());
            return;
        }
        ActorWindow w = profile.window;
        Outcome outcome = o.success() ? Outcome.LIKELY_SUCCESS : o.error() ? Outcome.PROBE : Outcome.ATTEMPTED;
        NetworkLocation before = trail.location == null ? null : byName(trail.location);
        if (location != null && before != null) {
            double km = before.distanceKm(location);
            double hours = Math.max(Math.abs(o.timeMicros() - trail.lastMicros) / MICROS_PER_HOUR, 1.0 / 3600);
            double speed = km / hours;
            if (km >= settings.minDistanceKm() && speed > settings.maxSpeedKmh() && w.fire("IMPOSSIBLE_TRAVEL:" + outcome)) {
                out.add(Finding.of(BehaviourType.IMPOSSIBLE_TRAVEL, outcome, String.format(Locale.ROOT,
                        "km/h of one credential from %s to %s (%.0f km in %.1f min)", before.name(), location.name(), km,
                        hours * 60), speed, 0, settings.maxSpeedKmh(), null));
            }
        }
        int changes = trail.changed(o.timeMicros(), settings.hijackWindowMicros(), settings.hijackChanges());
        if (changes >= settings.hijackChanges() && w.fire("SESSION_HIJACK:" + outcome)) {
            out.add(Finding.of(BehaviourType.SESSION_HIJACK, outcome, "network changes (/16, /48 or configured location)"
                    + " of one credential within " + settings.hijackWindow().toMinutes() + " min", changes, 0,
                    settings.hijackChanges(), null));
        }
        trail.network = network;
        trail.location = location == null ? null : location.name();
        trail.lastMicros = o.timeMicros();
    }

    private NetworkLocation locate(IPAddress address) {
        for (Located l : locations) {
            for (IPAddress block : l.blocks()) {
                if (block.contains(address)) {
                    return l.location();
                }
            }
        }
        return null;
    }

    private NetworkLocation byName(String name) {
        for (Located l : locations) {
            if (l.location().name().equals(name)) {
                return l.location();
            }
        }
        return null;
    }

    /** The {@code /16} of an IPv4 address (also when IPv4-mapped), the {@code /48} of an IPv6 one. */
    static String block(IPAddress address) {
        IPAddress a = address;
        if (a.isIPv6() && a.toIPv6().isIPv4Mapped()) {
            a = a.toIPv6().getEmbeddedIPv4Address();
        }
        int prefix = a.isIPv4() ? 16 : 48;
        return a.toPrefixBlock(prefix).toCanonicalString();
    }
}
