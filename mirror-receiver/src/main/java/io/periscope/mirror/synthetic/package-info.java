/**
 * Synthetic mirrored traffic: realistic HTTP/1.1 API conversations (keep-alive, pipelining, chunked and
 * gzip bodies, realistic sizes) on thousands of interleaved TCP connections, generated deterministically
 * from a seed, with the exact number of exchanges it contains. Used to warm the packet path before a
 * receiver reports ready, by the whole-process benchmark, and by scale tests.
 */
package io.periscope.mirror.synthetic;
