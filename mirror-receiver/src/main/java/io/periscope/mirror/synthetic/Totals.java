package io.periscope.mirror.synthetic;

/**
 * What a generation run produced: the exact figures a lossless pipeline must reproduce.
 *
 * @param connections TCP connections (each opened with a handshake and closed with FINs)
 * @param exchanges   request/response pairs (every request is answered)
 * @param packets     frames emitted
 * @param bytes       frame bytes emitted
 * @param firstMicros capture time of the first frame
 * @param lastMicros  capture time of the last frame
 */
public record Totals(long connections, long exchanges, long packets, long bytes, long firstMicros, long lastMicros) {
}
