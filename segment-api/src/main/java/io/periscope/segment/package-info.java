/**
 * The hand-off between the mirror receiver and reassembly: decoded TCP segments, delivered to one
 * sink per worker thread, both directions of a connection on the same worker.
 */
package io.periscope.segment;
