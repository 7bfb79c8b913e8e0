package io.periscope.events.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.periscope.events.auth.UiSession;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class TopicReaderTest {
    private static final String TOPIC = "periscope.sessions";
    private static final String SECRET = "sk_live_4eC39HqLyjWDarjtT1zdp7dc";

    private final List<String> counted = new ArrayList<>();
    private final ListAppender<ILoggingEvent> lines = new ListAppender<>();
    private final TopicReader<UiSession> reader;

    TopicReaderTest() {
        ch.qos.logback.classic.Logger logger = ((LoggerContext) LoggerFactory.getILoggerFactory())
                .getLogger("reader-" + System.identityHashCode(this));
        logger.setLevel(Level.WARN);
        lines.start();
        logger.addAppender(lines);
        reader = TopicReader.of(UiSession.class, UiSession.SCHEMA_VERSION,
                (topic, reason) -> counted.add(topic + ":" + reason.tag()), logger);
    }

    @Test
    void aReadableRecordIsReturnedAndNothingIsCounted() {
        UiSession session = new UiSession(1, "tok_1", 10, 20);

        assertThat(reader.read(record("k", json(session)))).isEqualTo(session);
        assertThat(counted).isEmpty();
        assertThat(lines.list).isEmpty();
    }

    @Test
    void aValueThatIsNotTheTypesJsonIsSkippedAsUnreadableWithoutQuotingIt() {
        assertThat(reader.read(record("k", bytes("{\"tokenId\": " + SECRET + "}")))).isNull();
        assertThat(reader.read(record("k", bytes("null")))).isNull();

        assertThat(counted).containsExactly(TOPIC + ":unreadable", TOPIC + ":unreadable");
        assertThat(lines.list).singleElement().satisfies(line -> assertThat(line.getFormattedMessage())
                .startsWith("skipped a record (unreadable) at periscope.sessions-0@7: cannot read UiSession")
                .doesNotContain(SECRET));
    }

    @Test
    void aNewerSchemaVersionIsSkippedAsUnsupportedAndAnyVersionReadsIt() {
        byte[] newer = json(new UiSession(2, "tok_1", 10, 20));

        assertThat(reader.read(record("k", newer))).isNull();
        assertThat(counted).containsExactly(TOPIC + ":unsupported_schema");
        assertThat(lines.list).singleElement().extracting(ILoggingEvent::getFormattedMessage).asString()
                .endsWith("UiSession of schema version 2 on periscope.sessions is newer than 1");

        TopicReader<UiSession> any = TopicReader.of(UiSession.class, TopicReader.ANY_VERSION, (t, r) -> counted.add("any"),
                LoggerFactory.getLogger(TopicReaderTest.class));
        assertThat(any.read(record("k", newer))).extracting(UiSession::schemaVersion).isEqualTo(2);
        assertThat(counted).containsExactly(TOPIC + ":unsupported_schema");
    }

    @Test
    void aValueOverTheLimitIsSkippedAsOversizeAndOneAtTheLimitIsRead() {
        byte[] value = json(new UiSession(1, "tok_1", 10, 20));
        TopicReader<UiSession> limited = reader.withMaxBytes(value.length);

        assertThat(limited.read(record("k", value))).isNotNull();
        byte[] padded = (new String(value, StandardCharsets.UTF_8) + " ").getBytes(StandardCharsets.UTF_8);
        assertThat(limited.read(record("k", padded))).isNull();

        assertThat(counted).containsExactly(TOPIC + ":oversize");
        assertThat(lines.list).singleElement().extracting(ILoggingEvent::getFormattedMessage).asString()
                .endsWith("UiSession of " + padded.length + " bytes on periscope.sessions is over the limit of " + value.length);
    }

    @Test
    void aRecordWithoutAValueIsSkippedAsATombstone() {
        assertThat(reader.read(record("k", null))).isNull();

        assertThat(counted).containsExactly(TOPIC + ":tombstone");
    }

    @Test
    void aRecordWithoutAKeyIsSkippedOnlyWhenTheReaderRequiresKeys() {
        byte[] value = json(new UiSession(1, "tok_1", 10, 20));

        assertThat(reader.read(record(null, value))).isNotNull();
        assertThat(reader.requiringKey().read(record(null, value))).isNull();

        assertThat(counted).containsExactly(TOPIC + ":no_key");
    }

    @Test
    void aFloodOfBadRecordsIsCountedInFullButLoggedOnce() {
        for (int i = 0; i < 1_000; i++) {
            reader.read(record("k", bytes("{")));
        }

        assertThat(counted).hasSize(1_000);
        assertThat(lines.list).hasSize(1);
    }

    @Test
    void theDeserializerRaisesTheSkipReasonAndPassesTombstonesThrough() {
        Deserializer<UiSession> deserializer = reader.withMaxBytes(128).deserializer();

        assertThat(deserializer.deserialize(TOPIC, null)).isNull();
        assertThat(deserializer.deserialize(TOPIC, json(new UiSession(1, "t", 1, 2)))).isNotNull();
        assertThat(reasonOf(() -> deserializer.deserialize(TOPIC, bytes("{" + SECRET)))).isEqualTo(SkipReason.UNREADABLE);
        assertThat(reasonOf(() -> deserializer.deserialize(TOPIC, json(new UiSession(3, "t", 1, 2)))))
                .isEqualTo(SkipReason.UNSUPPORTED_SCHEMA);
        assertThat(reasonOf(() -> deserializer.deserialize(TOPIC, new byte[129]))).isEqualTo(SkipReason.OVERSIZE);
        assertThat(counted).as("the Streams handler counts, not the deserializer").isEmpty();
    }

    @Test
    void anyOtherFailureToReadStandsForUnreadable() {
        assertThat(SkippedRecordException.reasonOf(new IllegalStateException("x"))).isEqualTo(SkipReason.UNREADABLE);
        assertThatThrownBy(() -> reader.withMaxBytes(0)).isInstanceOf(IllegalArgumentException.class);
    }

    private static SkipReason reasonOf(Runnable read) {
        SkippedRecordException e = catchThrowableOfType(SkippedRecordException.class, read::run);
        assertThat(e.getMessage()).doesNotContain(SECRET);
        return e.reason();
    }

    private static ConsumerRecord<String, byte[]> record(String key, byte[] value) {
        return new ConsumerRecord<>(TOPIC, 0, 7, key, value);
    }

    private static byte[] json(UiSession session) {
        return JsonSerde.of(UiSession.class).serialize(TOPIC, session);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
