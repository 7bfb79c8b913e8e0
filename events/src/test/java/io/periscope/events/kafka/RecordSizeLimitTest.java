package io.periscope.events.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class RecordSizeLimitTest {

    @Test
    void aRecordAtTheLimitPassesAndOneByteMoreIsRefusedNamingTheLimitButNotTheRecord() {
        RecordSizeLimit limit = new RecordSizeLimit(16);
        byte[] atLimit = "secret-secret-16".getBytes(StandardCharsets.UTF_8);
        assertThat(limit.check("the token record", atLimit)).isSameAs(atLimit);
        assertThat(limit.check("a tombstone", null)).isNull();
        assertThatThrownBy(() -> limit.check("the token record", "secret-secret-17!".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(RecordLimitExceededException.class)
                .hasMessage("the token record would be 17 bytes; the limit is 16 (periscope.api.max-record-bytes)")
                .hasMessageNotContaining("secret");
    }
}
