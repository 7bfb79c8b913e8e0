package io.periscope.detection.behaviour;

import com.fasterxml.jackson.annotation.JsonAutoDetect;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The request properties one write endpoint (service, method, template) was seen to carry. Invariants:
 * {@code properties} holds at most {@code MassAssignmentSettings.maxProperties} paths and {@code open} is set when
 * more were seen (a free-form endpoint, never judged); {@code writes} counts successful writes learned from;
 * {@code candidates} counts successful writes per unknown property after the warm-up, at most
 * {@value #MAX_CANDIDATES} properties.
 */
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
public final class RequestSchema {
    static final int MAX_CANDIDATES = 64;

    long firstMicros = Long.MIN_VALUE;
    long writes;
    boolean open;
    Set<String> properties = new HashSet<>();
    Map<String, Integer> candidates = new HashMap<>();
}
