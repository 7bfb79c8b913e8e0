package io.periscope.detection.behaviour;

import io.periscope.detection.streams.binary.BinaryInput;
import io.periscope.detection.streams.binary.BinaryOutput;
import io.periscope.detection.streams.binary.MalformedRecordException;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StoredStateFormatTest {

    static ObjectOwner owner() {
        ObjectOwner o = new ObjectOwner();
        o.owner = "user:alice";
        o.created = true;
        o.accessors.put("user:alice", 12);
        o.accessors.put("user:bob", 1);
        o.lastSeenMicros = 1_764_000_000_123_456L;
        return o;
    }

    static RequestSchema schema() {
        RequestSchema r = new RequestSchema();
        r.firstMicros = 1_764_000_000_000_000L;
        r.writes = 31;
        r.open = false;
        r.properties.add("name");
        r.properties.add("address.street");
        r.candidates.put("isAdmin", 2);
        r.seenBy.put("isAdmin", new int[] {17, -4});
        r.suspects.add(new RequestSchema.Suspect(17, "isAdmin", io.periscope.events.detection.Outcome.LIKELY_SUCCESS,
                1_764_000_000_500_000L));
        return r;
    }

    @Test
    void anObjectsOwnershipReadsBackWithEveryField() {
        ObjectOwner back = ObjectOwner.BINARY.read(new BinaryInput(write(owner(), ObjectOwner.BINARY), 0));
        assertThat(back).usingRecursiveComparison().isEqualTo(owner());
        ObjectOwner empty = new ObjectOwner();
        assertThat(ObjectOwner.BINARY.read(new BinaryInput(write(empty, ObjectOwner.BINARY), 0)))
                .usingRecursiveComparison().isEqualTo(empty);
    }

    @Test
    void aRequestSchemaReadsBackWithEveryField() {
        RequestSchema back = RequestSchema.BINARY.read(new BinaryInput(write(schema(), RequestSchema.BINARY), 0));
        assertThat(back).usingRecursiveComparison().isEqualTo(schema());
    }

    @Test
    void aTruncatedStoredValueFailsAsMalformedNeverAsAnotherFailure() {
        byte[] bytes = write(schema(), RequestSchema.BINARY);
        for (int len = 0; len < bytes.length; len++) {
            byte[] cut = Arrays.copyOf(bytes, len);
            assertThatThrownBy(() -> RequestSchema.BINARY.read(new BinaryInput(cut, 0)))
                    .isInstanceOf(MalformedRecordException.class);
        }
    }

    private static <T> byte[] write(T value, io.periscope.detection.streams.binary.BinaryCodec<T> codec) {
        BinaryOutput out = new BinaryOutput(16);
        codec.write(value, out);
        return out.toByteArray();
    }

    @Test
    void aRequestSchemaStoredInTheFirstFormatIsStillReadWithoutPrincipalsOrSuspects() {
        BinaryOutput v1 = new BinaryOutput(64);
        v1.writeLong(1_764_000_000_000_000L);
        v1.writeLong(31);
        v1.writeBoolean(false);
        v1.writeVarInt(1);
        v1.writeString("name");
        v1.writeVarInt(1);
        v1.writeString("isAdmin");
        v1.writeVarInt(2);
        BinaryInput in = new BinaryInput(v1.toByteArray(), 0);
        RequestSchema back = RequestSchema.BINARY.read(in);
        in.end();
        assertThat(back.firstMicros).isEqualTo(1_764_000_000_000_000L);
        assertThat(back.writes).isEqualTo(31);
        assertThat(back.properties).containsExactly("name");
        assertThat(back.candidates).containsEntry("isAdmin", 2);
        assertThat(back.seenBy).isEmpty();
        assertThat(back.suspects).isEmpty();

        BinaryOutput unset = new BinaryOutput(32);
        unset.writeLong(Long.MIN_VALUE);
        unset.writeLong(0);
        unset.writeBoolean(false);
        unset.writeVarInt(0);
        unset.writeVarInt(0);
        assertThat(RequestSchema.BINARY.read(new BinaryInput(unset.toByteArray(), 0)).firstMicros).isEqualTo(Long.MIN_VALUE);
    }
}
