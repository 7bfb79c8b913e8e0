/** Suppression of packets mirrored twice (once by each end of a flow). */
package io.periscope.mirror.dedup;
