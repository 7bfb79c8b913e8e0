package io.periscope.server.auth;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.periscope.server.config.PeriscopeSettings;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Limits failed sign-ins per client address: after {@code maxFailures} failures within the window,
 * further attempts from that address are refused until the window has passed since the last failure.
 * Bounded: at most 100 000 addresses are tracked; the least recent are forgotten first.
 */
@Singleton
public class SignInThrottle {
    private final Cache<String, AtomicInteger> failures;
    private final int maxFailures;
    private final Duration window;

    public SignInThrottle(PeriscopeSettings settings) {
        this.maxFailures = settings.auth().maxFailures();
        this.window = settings.auth().failureWindow();
        this.failures = Caffeine.newBuilder().maximumSize(100_000).expireAfterWrite(window).build();
    }

    public boolean blocked(String address) {
        AtomicInteger count = failures.getIfPresent(address);
        return count != null && count.get() >= maxFailures;
    }

    public void failed(String address) {
        // Re-putting refreshes the expiry: the window runs from the latest failure.
        AtomicInteger count = failures.get(address, a -> new AtomicInteger());
        count.incrementAndGet();
        failures.put(address, count);
    }

    public void succeeded(String address) {
        failures.invalidate(address);
    }

    public Duration window() {
        return window;
    }
}
