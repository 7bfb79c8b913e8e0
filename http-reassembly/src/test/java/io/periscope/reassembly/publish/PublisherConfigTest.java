package io.periscope.reassembly.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The publisher's settings reject what Kafka would refuse later, naming the key, and keep the user's overrides on top. */
class PublisherConfigTest {
    @Test
    void aBadValueIsRefusedWithItsKeyAndValue() {
        assertThatThrownBy(() -> PublisherConfig.builder().compressionType("brotli").build())
                .hasMessage("periscope.reassembly.kafka.compression-type = \"brotli\": expected none, gzip, snappy, lz4 or zstd");
        assertThatThrownBy(() -> PublisherConfig.builder().maxQueuedExchanges(4).senderThreads(8).build())
                .hasMessageStartingWith("periscope.reassembly.kafka.sender-threads = \"8\"");
        assertThatThrownBy(() -> PublisherConfig.builder().lingerMs(-1).build())
                .hasMessageStartingWith("periscope.reassembly.kafka.linger-ms = \"-1\"");
    }

    @Test
    void toBuilderKeepsEverySetting() {
        PublisherConfig tuned = PublisherConfig.builder().bootstrapServers("b:9092").senderThreads(4).compressionType("lz4")
                .maxBlockMs(200).overrides(Map.of("acks", "1")).build();
        assertThat(tuned.toBuilder().build()).isEqualTo(tuned);
    }

    @Test
    void theClusterGivesBootstrapAndAuthenticationButTheOverridesWin() {
        PublisherConfig config = PublisherConfig.builder().overrides(Map.of("client.id", "mine")).build()
                .withClientProperties(Map.of("bootstrap.servers", "b:9096", "security.protocol", "SASL_SSL", "client.id", "theirs"));
        assertThat(config.bootstrapServers()).isEqualTo("b:9096");
        assertThat(config.overrides()).containsEntry("security.protocol", "SASL_SSL").containsEntry("client.id", "mine")
                .doesNotContainKey("bootstrap.servers");
    }
}
