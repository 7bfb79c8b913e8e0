package io.periscope.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.periscope.events.kafka.RecordFormat;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@code periscope.reassembly.kafka.record-format} reaches the publisher; a wrong value names the key. */
class RecordFormatSettingTest {
    private static final String KEY = "periscope.reassembly.kafka.record-format";

    private static ReassemblySettings read(Map<String, Object> values) {
        return ReassemblySettings.read(new ConfigReader(key -> Optional.ofNullable(values.get(key))));
    }

    @Test
    void exchangesAreWrittenInAvroUnlessJsonIsAskedFor() {
        assertThat(read(Map.of()).publisherTemplate().recordFormat()).isEqualTo(RecordFormat.AVRO);
        assertThat(read(Map.of(KEY, "json")).publisher(Map.of("bootstrap.servers", "k:9092")).recordFormat())
                .isEqualTo(RecordFormat.JSON);
    }

    @Test
    void aFormatThatIsNeitherJsonNorAvroFailsNamingTheKey() {
        assertThatThrownBy(() -> read(Map.of(KEY, "protobuf"))).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining(KEY).hasMessageContaining("expected json or avro");
    }
}
