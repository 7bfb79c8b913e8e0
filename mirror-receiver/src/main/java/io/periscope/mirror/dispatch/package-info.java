/** Hand-off of decoded segments to reassembly workers: sharding by flow, bounded lock-free rings of preallocated slots, ticks. */
package io.periscope.mirror.dispatch;
