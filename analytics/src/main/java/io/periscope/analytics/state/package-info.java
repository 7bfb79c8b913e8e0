/**
 * Per-key state with a bound on the number of keys and on how long a key may stay idle, evictions
 * counted by reason: what keeps detection's memory flat when an attacker sprays new clients, tokens or
 * paths. See {@link io.periscope.analytics.state.BoundedKeyedState}.
 */
package io.periscope.analytics.state;
