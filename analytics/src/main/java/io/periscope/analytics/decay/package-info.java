/**
 * Exponentially decayed counters: a count in which each event weighs half as much every half-life, so
 * that one number per key tracks a recent rate without a window. See
 * {@link io.periscope.analytics.decay.DecayedCounter}.
 */
package io.periscope.analytics.decay;
