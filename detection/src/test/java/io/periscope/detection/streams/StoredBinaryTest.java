package io.periscope.detection.streams;

import io.periscope.detection.behaviour.ObjectOwner;
import io.periscope.detection.behaviour.RequestSchema;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class StoredBinaryTest {
    final StoredBinary<ObjectOwner> owners = new StoredBinary<>(ObjectOwner.class, ObjectOwner.BINARY);
    final StoredBinary<RequestSchema> schemas = new StoredBinary<>(RequestSchema.class, RequestSchema.BINARY);

    @Test
    void stateAnEarlierBuildStoredAsJsonIsReadSoAnUpgradeKeepsWhatWasLearned() {
        byte[] json = ("{\"owner\":\"user:alice\",\"identity\":false,\"created\":true,\"shared\":false,"
                + "\"accessors\":{\"user:alice\":12},\"lastSeenMicros\":42}").getBytes(StandardCharsets.UTF_8);
        ObjectOwner read = owners.read(json);
        assertThat(read).isNotNull();
        assertThat(read.lastSeenMicros()).isEqualTo(42);
        assertThat(owners.read(owners.write(read))).usingRecursiveComparison().isEqualTo(read);
        assertThat(owners.write(read)[0]).isEqualTo((byte) StoredBinary.BINARY_V1);
    }

    @Test
    void storedValuesThatCannotBeReadYieldNullForTheCallerToCount() {
        byte[] bytes = schemas.write(new RequestSchema());
        assertThat(schemas.read(bytes)).isNotNull();
        assertThat(schemas.read(new byte[0])).isNull();
        assertThat(schemas.read(new byte[] {9, 1, 2})).isNull();
        assertThat(schemas.read(java.util.Arrays.copyOf(bytes, bytes.length - 1))).isNull();
        assertThat(schemas.read(java.util.Arrays.copyOf(bytes, bytes.length + 1))).isNull();
        assertThat(schemas.read("{\"writes\":".getBytes(StandardCharsets.UTF_8))).isNull();
    }
}
