/**
 * Whole-process measurements of the sensor (not JMH): a generator for realistic captures and a run of
 * the real file pipeline over one, reporting packets and exchanges per CPU-second, resident memory and
 * every stage's counters. {@code benchmarks/sensor-run.sh} drives both and the peers.
 */
package io.periscope.benchmarks.sensor;
