package io.periscope.events.kafka;

import io.periscope.events.Versioned;
import io.periscope.events.log.ThrottledLogger;
import io.periscope.events.http.avro.MalformedAvroException;
import java.time.Duration;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Deserializer;
import org.slf4j.Logger;

/**
 * The one way a stage reads an event record from a topic: JSON through {@link EventJson}, or a binary schema when
 * the record says so in its {@link SchemaIdHeader} (Avro exchanges, {@link BinarySchemas}), a size limit checked
 * before parsing, and the schema version checked after. No header means JSON, so a topic may hold both formats. A record that fails any check is skipped, never
 * retried: it is counted by topic and {@link SkipReason} and logged at most once a minute (type, topic,
 * partition, offset and the kind of failure; never the payload, which may hold credentials). A poison record
 * therefore never stalls a consumer, and every skip is visible in a metric.
 *
 * <p>Checks run in this order, and the first that fails is the reason: key ({@link #requiringKey()} only),
 * value present, size, schema id header (an id this build does not know is {@link SkipReason#UNSUPPORTED_SCHEMA}),
 * JSON or binary decoding, schema version.
 *
 * <p>Immutable and thread-safe; the {@code with...} methods return a new reader.
 *
 * @param <T> the record type
 */
public final class TopicReader<T extends Versioned> {
    /** Accept every schema version: for readers that must not drop a record written by a newer build. */
    public static final int ANY_VERSION = Integer.MAX_VALUE;
    /** Without a limit of its own a reader accepts whatever the broker accepted. */
    private static final RecordSizeLimit UNLIMITED = new RecordSizeLimit(Integer.MAX_VALUE);
    private static final Duration LOG_INTERVAL = Duration.ofMinutes(1);

    private final Class<T> type;
    private final JsonSerde<T> serde;
    private final int supportedVersion;
    private final SkipCounter counter;
    private final Logger logger;
    private final ThrottledLogger log;
    private final RecordSizeLimit limit;
    private final boolean keyRequired;

    private TopicReader(Class<T> type, int supportedVersion, SkipCounter counter, Logger logger,
                        RecordSizeLimit limit, boolean keyRequired) {
        this.type = type;
        this.serde = JsonSerde.of(type);
        this.supportedVersion = supportedVersion;
        this.counter = counter;
        this.logger = logger;
        this.log = new ThrottledLogger(logger, LOG_INTERVAL);
        this.limit = limit;
        this.keyRequired = keyRequired;
    }

    /**
     * @param supportedVersion the newest {@code schemaVersion} this build understands (the record's
     *                         {@code SCHEMA_VERSION}), or {@link #ANY_VERSION}
     * @param counter          counts every skipped record by topic and reason
     * @param logger           the consumer's logger, so the warnings name the stage that skipped
     */
    public static <T extends Versioned> TopicReader<T> of(Class<T> type, int supportedVersion, SkipCounter counter,
                                                          Logger logger) {
        if (supportedVersion < 1) {
            throw new IllegalArgumentException("supportedVersion must be positive, was " + supportedVersion);
        }
        return new TopicReader<>(type, supportedVersion, counter, logger, UNLIMITED, false);
    }

    /** A reader that skips values over {@code maxBytes} as {@link SkipReason#OVERSIZE}, without parsing them. */
    public TopicReader<T> withMaxBytes(int maxBytes) {
        return new TopicReader<>(type, supportedVersion, counter, logger, new RecordSizeLimit(maxBytes), keyRequired);
    }

    /** A reader that skips records without a key as {@link SkipReason#NO_KEY}: for topics keyed by identity. */
    public TopicReader<T> requiringKey() {
        return new TopicReader<>(type, supportedVersion, counter, logger, limit, true);
    }

    /**
     * The record's value, or null when it was skipped (and then counted and logged). A record without a value
     * is skipped as {@link SkipReason#TOMBSTONE}: a compacted view handles tombstones before calling this.
     */
    public T read(ConsumerRecord<?, byte[]> record) {
        if (keyRequired && record.key() == null) {
            return skipped(record, SkipReason.NO_KEY, "no key");
        }
        if (record.value() == null) {
            return skipped(record, SkipReason.TOMBSTONE, "no value");
        }
        try {
            return decode(record.topic(), record.headers(), record.value());
        } catch (SkippedRecordException e) {
            return skipped(record, e.reason(), e.getMessage());
        }
    }

    /**
     * The same checks as a Kafka {@link Deserializer}, for the sources of a Kafka Streams topology. A value that
     * fails them raises {@link SkippedRecordException} with its reason, for the application's deserialization
     * handler to count and log with the record's position; this deserializer counts nothing itself. A null value
     * passes through as null, since a tombstone can mean something to a processor; keys are not seen here. Kafka
     * Streams hands the record headers to its sources' deserializers, so the format is told apart there too.
     */
    public Deserializer<T> deserializer() {
        return new Deserializer<>() {
            @Override
            public T deserialize(String topic, byte[] data) {
                return data == null ? null : decode(topic, null, data);
            }

            @Override
            public T deserialize(String topic, Headers headers, byte[] data) {
                return data == null ? null : decode(topic, headers, data);
            }
        };
    }

    private T decode(String topic, Headers headers, byte[] data) {
        if (!limit.fits(data)) {
            throw new SkippedRecordException(SkipReason.OVERSIZE, type.getSimpleName() + " of " + data.length
                    + " bytes on " + topic + " is over the limit of " + limit.maxBytes());
        }
        int schemaId = SchemaIdHeader.of(headers, type.getSimpleName(), topic);
        T value = schemaId < 0 ? serde.readOrSkip(topic, data) : binary(topic, schemaId, data);
        if (value.schemaVersion() > supportedVersion) {
            throw new SkippedRecordException(SkipReason.UNSUPPORTED_SCHEMA, type.getSimpleName() + " of schema version "
                    + value.schemaVersion() + " on " + topic + " is newer than " + supportedVersion);
        }
        return value;
    }

    private T binary(String topic, int schemaId, byte[] data) {
        Function<byte[], ?> decoder = BinarySchemas.decoder(type, schemaId);
        if (decoder == null) {
            throw new SkippedRecordException(SkipReason.UNSUPPORTED_SCHEMA, type.getSimpleName() + " of schema id "
                    + schemaId + " on " + topic + " is not a schema this build reads");
        }
        try {
            return type.cast(decoder.apply(data));
        } catch (MalformedAvroException e) {
            // the codec's message says what and at which byte offset, never the bytes
            throw new SkippedRecordException(SkipReason.UNREADABLE, "cannot read " + type.getSimpleName() + " from "
                    + topic + " (schema id " + schemaId + "): " + e.getMessage());
        } catch (RuntimeException e) {
            // a record constructor refusing a value: its message may quote it, the kind is enough
            throw new SkippedRecordException(SkipReason.UNREADABLE, "cannot read " + type.getSimpleName() + " from "
                    + topic + " (schema id " + schemaId + "): " + e.getClass().getSimpleName());
        }
    }

    private T skipped(ConsumerRecord<?, byte[]> record, SkipReason reason, String why) {
        counter.skipped(record.topic(), reason);
        log.warn("skipped a record ({}) at {}-{}@{}: {}", reason.tag(), record.topic(), record.partition(),
                record.offset(), why);
        return null;
    }
}
