package io.periscope.detection.behaviour;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import io.periscope.detection.streams.binary.BinaryCodec;
import io.periscope.detection.streams.binary.BinaryInput;
import io.periscope.detection.streams.binary.BinaryOutput;

import java.util.HashMap;
import java.util.Map;

/**
 * What is known of one object (service, template, id) for ownership. Invariants: {@code owner} is the actor with the
 * most successful accesses among {@code accessors} unless {@code identity} or {@code created} fixed it; {@code accessors} holds at most
 * {@code OwnershipSettings.sharedAccessors} authenticated actors, and reaching that many makes the object
 * {@code shared} for good, after which the map is emptied (nobody owns a shared object); an anonymous 2xx makes it
 * {@code shared} too (it is public).
 */
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
public final class ObjectOwner {
    /** Bounds what one stored value can make a reader allocate; {@code sharedAccessors} is far below it. */
    private static final int MAX_ACCESSORS = 65_536;

    /**
     * The stored form: the fields in declaration order, accessors as a count and (actor, accesses) pairs. A new field
     * needs a new format version in the store's serde.
     */
    public static final BinaryCodec<ObjectOwner> BINARY = new BinaryCodec<>() {
        @Override
        public void write(ObjectOwner o, BinaryOutput out) {
            out.writeString(o.owner);
            out.writeBoolean(o.identity);
            out.writeBoolean(o.created);
            out.writeBoolean(o.shared);
            out.writeVarInt(o.accessors.size());
            for (Map.Entry<String, Integer> e : o.accessors.entrySet()) {
                out.writeString(e.getKey());
                out.writeVarInt(e.getValue());
            }
            out.writeLong(o.lastSeenMicros);
        }

        @Override
        public ObjectOwner read(BinaryInput in) {
            ObjectOwner o = new ObjectOwner();
            o.owner = in.readString();
            o.identity = in.readBoolean();
            o.created = in.readBoolean();
            o.shared = in.readBoolean();
            int n = in.readCount(MAX_ACCESSORS);
            for (int i = 0; i < n; i++) {
                o.accessors.put(in.readString(), in.readVarInt());
            }
            o.lastSeenMicros = in.readLong();
            return o;
        }
    };

    String owner;
    boolean identity;
    boolean created;
    boolean shared;
    Map<String, Integer> accessors = new HashMap<>();
    long lastSeenMicros;

    public long lastSeenMicros() {
        return lastSeenMicros;
    }

    /** Nobody owns it (read anonymously, or by enough principals); final. */
    public boolean shared() {
        return shared;
    }
}
