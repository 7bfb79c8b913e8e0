package io.periscope.detection.behaviour;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import io.periscope.detection.streams.binary.BinaryCodec;
import io.periscope.detection.streams.binary.BinaryInput;
import io.periscope.detection.streams.binary.BinaryOutput;
import io.periscope.events.detection.Outcome;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The request properties one write endpoint (service, method, template) was seen to carry. Invariants:
 * {@code properties} holds at most {@code MassAssignmentSettings.maxProperties} paths and {@code open} is set when
 * more were seen (a free-form endpoint, never judged); {@code writes} counts successful writes learned from;
 * {@code candidates} counts successful writes per property seen but not (yet) learned, and {@code seenBy} holds, per
 * candidate, the hashes of the distinct principals that sent it (at most {@value #MAX_SEEN_BY}: only the count up to
 * {@code learnPrincipals} matters); during the warm-up {@code properties} plus {@code candidates} stay within
 * {@code maxProperties}, after it {@code candidates} gains no entry past {@value #MAX_CANDIDATES}; {@code suspects}
 * holds at most {@value #MAX_SUSPECTS} warm-up writes that set a privilege or ownership property, judged once the
 * warm-up is over.
 */
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
public final class RequestSchema {
    static final int MAX_CANDIDATES = 64;
    /** Distinct principals remembered per candidate: {@code learnPrincipals} is capped at this. */
    static final int MAX_SEEN_BY = 8;
    /** Warm-up writes of privileged properties kept for judgement: the first ones, an attacker's opening move. */
    static final int MAX_SUSPECTS = 16;
    /** Bounds what one stored value can make a reader allocate; {@code maxProperties} is far below it. */
    private static final int MAX_PROPERTIES = 65_536;
    /**
     * The first byte of the format-2 stored form. Format 1 began with {@code firstMicros}, whose top byte is 0 (a time
     * before the year 2540) or 0x80 (unset), never 2, so one byte tells them apart and format 1 is still read.
     */
    private static final int FORMAT_2 = 2;

    /**
     * The stored form (format 2): the byte 2, then the fields in declaration order, sets, maps and lists as a count and
     * their entries. Format 1 (the first five fields, without the leading byte) is still read, with no principals and
     * no suspects. A new field needs a new format.
     */
    public static final BinaryCodec<RequestSchema> BINARY = new BinaryCodec<>() {
        @Override
        public void write(RequestSchema r, BinaryOutput out) {
            out.writeByte(FORMAT_2);
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
            out.writeVarInt(r.seenBy.size());
            for (Map.Entry<String, int[]> e : r.seenBy.entrySet()) {
                out.writeString(e.getKey());
                out.writeVarInt(e.getValue().length);
                for (int h : e.getValue()) {
                    out.writeInt(h);
                }
            }
            out.writeVarInt(r.suspects.size());
            for (Suspect s : r.suspects) {
                out.writeInt(s.principal());
                out.writeString(s.property());
                out.writeEnum(s.outcome());
                out.writeLong(s.timeMicros());
            }
        }

        @Override
        public RequestSchema read(BinaryInput in) {
            RequestSchema r = new RequestSchema();
            int first = in.readByte();
            boolean format2 = first == FORMAT_2;
            if (format2) {
                r.firstMicros = in.readLong();
            } else {
                long v = first;
                for (int i = 0; i < 7; i++) {
                    v = v << 8 | in.readByte();
                }
                r.firstMicros = v;
            }
            r.writes = in.readLong();
            r.open = in.readBoolean();
            int n = in.readCount(MAX_PROPERTIES);
            for (int i = 0; i < n; i++) {
                r.properties.add(in.readString());
            }
            int c = in.readCount(format2 ? MAX_PROPERTIES : MAX_CANDIDATES);
            for (int i = 0; i < c; i++) {
                r.candidates.put(in.readString(), in.readVarInt());
            }
            if (!format2) {
                return r;
            }
            int s = in.readCount(MAX_PROPERTIES);
            for (int i = 0; i < s; i++) {
                String p = in.readString();
                int[] hashes = new int[in.readCount(MAX_SEEN_BY)];
                for (int k = 0; k < hashes.length; k++) {
                    hashes[k] = in.readInt();
                }
                r.seenBy.put(p, hashes);
            }
            int q = in.readCount(MAX_SUSPECTS);
            for (int i = 0; i < q; i++) {
                int principal = in.readInt();
                String property = in.readString();
                Outcome outcome = in.readEnum(Outcome.class);
                r.suspects.add(new Suspect(principal, property, outcome == null ? Outcome.ATTEMPTED : outcome,
                        in.readLong()));
            }
            return r;
        }
    };

    /**
     * A warm-up write that set a privilege or ownership property: by whom (a hash of the actor id), which property,
     * what the answer said (stored and echoed: {@code LIKELY_SUCCESS}), when.
     */
    record Suspect(int principal, String property, Outcome outcome, long timeMicros) {
    }

    long firstMicros = Long.MIN_VALUE;
    long writes;
    boolean open;
    Set<String> properties = new HashSet<>();
    Map<String, Integer> candidates = new HashMap<>();
    Map<String, int[]> seenBy = new HashMap<>();
    List<Suspect> suspects = new ArrayList<>();
}
