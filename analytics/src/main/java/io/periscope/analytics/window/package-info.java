/**
 * Tumbling and sliding (hopping) windows over event time in epoch microseconds, with allowed lateness
 * and one rule for late events: an event goes into every window that contains it and is still open;
 * an event with no open window is dropped and counted. See {@link io.periscope.analytics.window.EventTimeWindows}.
 */
package io.periscope.analytics.window;
