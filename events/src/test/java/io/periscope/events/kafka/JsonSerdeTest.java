package io.periscope.events.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.periscope.events.http.HttpExchange;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class JsonSerdeTest {

    @Test
    void anUnreadableRecordIsRefusedWithoutQuotingItsPayloadInTheMessageOrACause() {
        String secret = "sk_live_4eC39HqLyjWDarjtT1zdp7dc";
        byte[] poison = ("{\"id\": " + secret + "}").getBytes(StandardCharsets.UTF_8);
        SerializationException e = catchThrowableOfType(SerializationException.class,
                () -> new JsonSerde<>(HttpExchange.class).deserialize("periscope.exchanges", poison));

        assertThat(e.getMessage()).startsWith("cannot read HttpExchange from periscope.exchanges")
                .contains("line 1").doesNotContain(secret).doesNotContain("sk_live");
        assertThat(e.getCause()).isNull();
    }
}
