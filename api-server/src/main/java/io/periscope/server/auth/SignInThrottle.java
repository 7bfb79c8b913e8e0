package io.periscope.server.auth;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;
import io.periscope.events.time.EpochMicros;
import io.periscope.server.config.PeriscopeSettings;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.InstantSource;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Limits failed sign-ins per client address ({@link ClientAddress}: behind trusted proxies, the address they
 * saw): after {@code maxFailures} failures within the window, further attempts from that address are refused
 * until the window has passed since the last failure. An IPv6 client is counted by its /64, the block one
 * host usually owns whole, so it cannot rotate through its own addresses.
 * Bounded: at most 100 000 addresses are tracked; the least recent are forgotten first.
 *
 * <p>The window runs on the server's injected clock (Caffeine's ticker reads it), so it can be tested by moving
 * a {@link io.periscope.events.time.ManualClock}. A step of the wall clock shifts the end of a block by as much.
 */
@Singleton
public class SignInThrottle {
    private final Cache<String, AtomicInteger> failures;
    private final int maxFailures;
    private final Duration window;

    @Inject
    public SignInThrottle(PeriscopeSettings settings, InstantSource clock) {
        this(settings.auth().maxFailures(), settings.auth().failureWindow(), clock);
    }

    SignInThrottle(int maxFailures, Duration window, InstantSource clock) {
        this.maxFailures = maxFailures;
        this.window = window;
        this.failures = Caffeine.newBuilder().maximumSize(100_000).expireAfterWrite(window)
                .ticker(() -> EpochMicros.now(clock) * 1_000).build();
    }

    public boolean blocked(String address) {
        AtomicInteger count = failures.getIfPresent(key(address));
        return count != null && count.get() >= maxFailures;
    }

    public void failed(String address) {
        // Re-putting refreshes the expiry: the window runs from the latest failure.
        String key = key(address);
        AtomicInteger count = failures.get(key, a -> new AtomicInteger());
        count.incrementAndGet();
        failures.put(key, count);
    }

    public void succeeded(String address) {
        failures.invalidate(key(address));
    }

    /** The bucket of an address: an IPv4 address (also when IPv4-mapped), an IPv6 /64, else the text itself. */
    static String key(String address) {
        IPAddress a = new IPAddressString(address).getAddress();
        if (a == null) {
            return address;
        }
        if (a.isIPv6() && a.toIPv6().isIPv4Mapped()) {
            return a.toIPv6().getEmbeddedIPv4Address().toCanonicalString();
        }
        return a.isIPv6() ? a.toPrefixBlock(64).toCanonicalString() : a.toCanonicalString();
    }

    public Duration window() {
        return window;
    }
}
