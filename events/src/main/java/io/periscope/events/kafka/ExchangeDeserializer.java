package io.periscope.events.kafka;

import io.periscope.events.http.HttpExchange;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Deserializer;
import org.slf4j.LoggerFactory;

/**
 * A plain Kafka {@link Deserializer} of {@link Topics#EXCHANGES} values for a {@code KafkaConsumer} (tools, tests,
 * Java consumers outside Periscope): JSON or Avro as the record's {@link SchemaIdHeader} says, the same checks as
 * {@link TopicReader}. A value it cannot read raises {@link SkippedRecordException} with the reason; it counts
 * nothing itself, so a stage that must count skips reads through {@link TopicReader} instead.
 */
public final class ExchangeDeserializer implements Deserializer<HttpExchange> {
    private final Deserializer<HttpExchange> reader = TopicReader.of(HttpExchange.class, HttpExchange.SCHEMA_VERSION,
            (topic, reason) -> { }, LoggerFactory.getLogger(ExchangeDeserializer.class)).deserializer();

    /** Without headers a value can only be JSON: prefer {@link #deserialize(String, Headers, byte[])}. */
    @Override
    public HttpExchange deserialize(String topic, byte[] data) {
        return reader.deserialize(topic, data);
    }

    @Override
    public HttpExchange deserialize(String topic, Headers headers, byte[] data) {
        return reader.deserialize(topic, headers, data);
    }
}
