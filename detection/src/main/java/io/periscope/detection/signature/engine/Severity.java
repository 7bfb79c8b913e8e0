package io.periscope.detection.signature.engine;

/** How urgent a finding is, from what was attempted and how the server answered. */
public enum Severity {
    /** A probe the server refused. */
    LOW,
    /** An attempt whose effect is unknown: answered normally, or not seen answered. */
    MEDIUM,
    /** An attempt that probably worked: a large answer or one that reveals an error or data. */
    HIGH,
    /** A confident detection whose answer reveals that it worked. */
    CRITICAL
}
