package io.periscope.alerts.delivery;

import java.time.Duration;

/**
 * How the delivery worker runs.
 *
 * @param senderThreads          HTTP requests in flight at once, over all destinations (one per destination at most)
 * @param maxQueuedPerDestination alerts one destination may have waiting in memory; beyond, new ones are
 *                                dead-lettered ("queue full") so a dead receiver cannot exhaust the heap
 * @param breakerThreshold       failures in a row that open a destination's circuit breaker
 * @param breakerCoolDown        the first pause of an open breaker (doubling per further failure)
 * @param breakerMaxCoolDown     the longest pause
 * @param retry                  backoff and horizon
 */
public record DeliverySettings(int senderThreads, int maxQueuedPerDestination, int breakerThreshold,
                               Duration breakerCoolDown, Duration breakerMaxCoolDown, RetryPolicy retry) {

    public static DeliverySettings defaults() {
        return new DeliverySettings(8, 10_000, 5, Duration.ofSeconds(30), Duration.ofMinutes(10),
                new RetryPolicy(Duration.ofSeconds(5), Duration.ofHours(1), Duration.ofHours(24)));
    }
}
