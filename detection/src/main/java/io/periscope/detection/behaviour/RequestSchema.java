package io.periscope.detection.behaviour;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import io.periscope.detection.streams.binary.BinaryCodec;
import io.periscope.detection.streams.binary.BinaryInput;
import io.periscope.detection.streams.binary.BinaryOutput;

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
    /** Bounds what one stored value can make a reader allocate; {@code maxProperties} is far below it. */
    private static final int MAX_PROPERTIES = 65_536;

    /**
     * The stored form: the fields in declaration order, the set and the map as a count and their entries. A new
     * field needs a new format version in the store's serde.
     */
    public static final BinaryCodec<RequestSchema> BINARY = new BinaryCodec<>() {
        @Override
        public void write(RequestSchema r, BinaryOutput out) {
            out.writeLong(r.firstMicros);
            out.writeLong(r.writes);
            out.writeBoolean(r.open);
            out.writeVarInt(r.properties.size());
            for (String p : r.properties) {
                out.writeString(p);
            }
            out.writeVarInt(r.candidates.size());
            for (Map.Entry<String, Integer> e : r.candidates.entrySet()) {
                out.writeString(e.getKey());
                out.writeVarInt(e.getValue());
            }
        }

        @Override
        public RequestSchema read(BinaryInput in) {
            RequestSchema r = new RequestSchema();
            r.firstMicros = in.readLong();
            r.writes = in.readLong();
            r.open = in.readBoolean();
            int n = in.readCount(MAX_PROPERTIES);
            for (int i = 0; i < n; i++) {
                r.properties.add(in.readString());
            }
            int c = in.readCount(MAX_CANDIDATES);
            for (int i = 0; i < c; i++) {
                r.candidates.put(in.readString(), in.readVarInt());
            }
            return r;
        }
    };

    long firstMicros = Long.MIN_VALUE;
    long writes;
    boolean open;
    Set<String> properties = new HashSet<>();
    Map<String, Integer> candidates = new HashMap<>();
}
