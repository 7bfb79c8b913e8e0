/**
 * Signature detectors: judge each attacker-controlled value of a request, after decoding, for one injection class
 * at a time. {@link io.periscope.detection.signature.ValueDetector} is the contract every detector meets.
 */
package io.periscope.detection.signature;
