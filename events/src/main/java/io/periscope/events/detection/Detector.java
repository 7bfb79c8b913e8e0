package io.periscope.events.detection;

/** Which kind of detector produced a signal. */
public enum Detector {
    /** A payload signature in one input of one request (SQL injection, XSS, ...). */
    SIGNATURE,
    /** A behaviour over many requests measured against a baseline (enumeration, brute force, ...). */
    BEHAVIOUR
}
