package io.periscope.events.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.periscope.events.http.HttpExchange;
import io.periscope.events.http.avro.ExchangeAvroCodec;
import io.periscope.events.http.avro.RealisticExchanges;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.common.serialization.Deserializer;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** {@link ExchangeSerializer} writes either format, {@link TopicReader} tells them apart by the schema id header. */
class ExchangeRecordFormatTest {
    private static final String TOPIC = Topics.EXCHANGES;

    private final List<String> counted = new ArrayList<>();
    private final TopicReader<HttpExchange> reader = TopicReader.of(HttpExchange.class, HttpExchange.SCHEMA_VERSION,
            (topic, reason) -> counted.add(reason.tag()), LoggerFactory.getLogger(ExchangeRecordFormatTest.class));

    @Test
    void avroRecordsCarryTheSchemaIdAndJsonRecordsNoHeader() {
        Headers avroHeaders = new RecordHeaders();
        byte[] avro = new ExchangeSerializer(RecordFormat.AVRO).serialize(TOPIC, avroHeaders, RealisticExchanges.login());
        Headers jsonHeaders = new RecordHeaders();
        byte[] json = new ExchangeSerializer(RecordFormat.JSON).serialize(TOPIC, jsonHeaders, RealisticExchanges.login());

        assertThat(avroHeaders.lastHeader(SchemaIdHeader.NAME).value()).containsExactly(0, 0, 0, 1);
        assertThat(avro).isEqualTo(ExchangeAvroCodec.encode(RealisticExchanges.login()));
        assertThat(jsonHeaders.toArray()).isEmpty();
        assertThat(new String(json, StandardCharsets.UTF_8)).startsWith("{\"schemaVersion\":1,");
    }

    @Test
    void aRecordSentAgainKeepsOneSchemaIdHeaderEvenWhenItsHeadersAreReadOnly() {
        RecordHeaders headers = new RecordHeaders();
        ExchangeSerializer avro = new ExchangeSerializer(RecordFormat.AVRO);
        avro.serialize(TOPIC, headers, RealisticExchanges.login());
        headers.setReadOnly();

        avro.serialize(TOPIC, headers, RealisticExchanges.login());
        assertThat(headers.headers(SchemaIdHeader.NAME)).hasSize(1);
    }

    @Test
    void avroWithoutHeadersIsRefusedRatherThanWrittenAsUnreadableJson() {
        assertThatThrownBy(() -> new ExchangeSerializer(RecordFormat.AVRO).serialize(TOPIC, RealisticExchanges.login()))
                .isInstanceOf(SerializationException.class);
    }

    @Test
    void theReaderReadsBothFormatsToTheSameExchange() {
        for (HttpExchange x : RealisticExchanges.all()) {
            HttpExchange fromAvro = reader.read(record(RecordFormat.AVRO, x));
            HttpExchange fromJson = reader.read(record(RecordFormat.JSON, x));

            assertThat(fromAvro).usingRecursiveComparison().ignoringCollectionOrderInFields("flags").isEqualTo(fromJson);
        }
        assertThat(counted).isEmpty();
    }

    @Test
    void theStreamsDeserializerTellsTheFormatsApartByTheHeaders() {
        Deserializer<HttpExchange> d = reader.deserializer();
        ConsumerRecord<String, byte[]> avro = record(RecordFormat.AVRO, RealisticExchanges.login());
        ConsumerRecord<String, byte[]> json = record(RecordFormat.JSON, RealisticExchanges.login());

        assertThat(d.deserialize(TOPIC, avro.headers(), avro.value()).id()).isEqualTo("c1-0");
        assertThat(d.deserialize(TOPIC, json.headers(), json.value()).id()).isEqualTo("c1-0");
        assertThat(reasonOf(() -> d.deserialize(TOPIC, avro.value()))).as("Avro bytes without their header")
                .isEqualTo(SkipReason.UNREADABLE);
    }

    @Test
    void malformedAvroIsSkippedAsUnreadableAndTheMessageSaysWhereNotWhat() {
        byte[] valid = ExchangeAvroCodec.encode(RealisticExchanges.login());
        byte[] cut = Arrays.copyOf(valid, valid.length / 2);
        Deserializer<HttpExchange> d = reader.deserializer();

        assertThat(reader.read(withId(1, cut))).isNull();
        assertThat(counted).containsExactly("unreadable");
        SkippedRecordException e = catchSkip(() -> d.deserialize(TOPIC, withId(1, cut).headers(), cut));
        assertThat(e.getMessage()).startsWith("cannot read HttpExchange from periscope.exchanges (schema id 1): ")
                .doesNotContain("redacted").doesNotContain("example.com");
    }

    @Test
    void anUnknownSchemaIdIsSkippedAsUnsupportedAndABrokenHeaderAsUnreadable() {
        byte[] valid = ExchangeAvroCodec.encode(RealisticExchanges.login());

        assertThat(reader.read(withId(2, valid))).isNull();
        RecordHeaders threeBytes = new RecordHeaders();
        threeBytes.add(SchemaIdHeader.NAME, new byte[] {0, 0, 1});
        assertThat(reader.read(new ConsumerRecord<>(TOPIC, 0, 3, 0L, TimestampType.CREATE_TIME, 0, valid.length, "k",
                valid, threeBytes, Optional.empty()))).isNull();

        assertThat(counted).containsExactly("unsupported_schema", "unreadable");
    }

    @Test
    void theSizeLimitIsCheckedBeforeAnyAvroIsRead() {
        byte[] valid = ExchangeAvroCodec.encode(RealisticExchanges.binaryDownload());

        assertThat(reader.withMaxBytes(valid.length - 1).read(withId(1, valid))).isNull();
        assertThat(counted).containsExactly("oversize");
    }

    @Test
    void theSettingNamesItsKeyWhenItIsNeitherJsonNorAvro() {
        assertThat(RecordFormat.of("k", " AVRO ")).isEqualTo(RecordFormat.AVRO);
        assertThatThrownBy(() -> RecordFormat.of("periscope.reassembly.kafka.record-format", "protobuf"))
                .hasMessage("periscope.reassembly.kafka.record-format = \"protobuf\": expected json or avro");
    }

    private static ConsumerRecord<String, byte[]> record(RecordFormat format, HttpExchange x) {
        RecordHeaders headers = new RecordHeaders();
        byte[] value = new ExchangeSerializer(format).serialize(TOPIC, headers, x);
        return new ConsumerRecord<>(TOPIC, 0, 1, 0L, TimestampType.CREATE_TIME, 0, value.length, x.serviceKey(), value,
                headers, Optional.empty());
    }

    private static ConsumerRecord<String, byte[]> withId(int id, byte[] value) {
        RecordHeaders headers = new RecordHeaders();
        headers.add(SchemaIdHeader.NAME, SchemaIdHeader.value(id));
        return new ConsumerRecord<>(TOPIC, 0, 2, 0L, TimestampType.CREATE_TIME, 0, value.length, "k", value, headers,
                Optional.empty());
    }

    private static SkipReason reasonOf(Runnable read) {
        return catchSkip(read).reason();
    }

    private static SkippedRecordException catchSkip(Runnable read) {
        return org.assertj.core.api.Assertions.catchThrowableOfType(SkippedRecordException.class, read::run);
    }
}
