package io.periscope.events.kafka.streams;

import io.periscope.events.kafka.SkippedRecordException;
import io.periscope.events.log.ThrottledLogger;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.errors.ProductionExceptionHandler;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kafka Streams' exception handlers of the stream stages (discovery, detection): a poison record, on any input topic
 * or on the way out, is skipped and counted by topic and reason, and the stream thread keeps running. One record
 * never stops a stage for every service or actor.
 *
 * <p>Kafka Streams creates the handlers by class name; each finds the stage's {@link SkippedRecordCounter} under
 * {@link #COUNTER_CONFIG} in the configuration it is given ({@link #install} sets both). Logs are rate-limited and
 * name the topic, partition, offset and failure class, never the record.
 */
public final class PoisonRecordHandlers {
    private static final Logger LOG = LoggerFactory.getLogger(PoisonRecordHandlers.class);
    private static final ThrottledLogger WARN = new ThrottledLogger(LOG, Duration.ofMinutes(1));

    /** The Streams property under which the handlers find the stage's counter. */
    public static final String COUNTER_CONFIG = "periscope.streams.skipped-record-counter";

    private PoisonRecordHandlers() {
    }

    /** Sets the three handlers and the counter they report to on {@code streamsProperties}. */
    public static void install(Properties streamsProperties, SkippedRecordCounter counter) {
        streamsProperties.put(COUNTER_CONFIG, counter);
        streamsProperties.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, Deserialization.class);
        streamsProperties.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, Processing.class);
        streamsProperties.put(StreamsConfig.PRODUCTION_EXCEPTION_HANDLER_CLASS_CONFIG, Production.class);
    }

    static SkippedRecordCounter counter(Map<String, ?> configs) {
        Object counter = configs.get(COUNTER_CONFIG);
        if (!(counter instanceof SkippedRecordCounter c)) {
            throw new ConfigException(COUNTER_CONFIG, counter, "expected the stage's SkippedRecordCounter");
        }
        return c;
    }

    private static void skipped(SkippedRecordCounter metrics, String topic, String reason, ErrorHandlerContext context,
                                Exception e) {
        metrics.skipped(topic == null ? "unknown" : topic, reason);
        WARN.warn("skipped a record ({}) at {}-{}@{}: {}", reason, topic, context.partition(), context.offset(),
                e.getClass().getSimpleName());
    }

    /**
     * An input record that cannot be read: the {@link io.periscope.events.kafka.SkipReason} the sources'
     * {@link io.periscope.events.kafka.TopicReader} deserializers raise ({@code oversize}, {@code unreadable},
     * {@code unsupported_schema}); any other failure to read is {@code unreadable}.
     */
    public static final class Deserialization implements DeserializationExceptionHandler {
        private SkippedRecordCounter metrics;

        @Override
        public void configure(Map<String, ?> configs) {
            metrics = counter(configs);
        }

        @Override
        public Response handleError(ErrorHandlerContext context, ConsumerRecord<byte[], byte[]> record, Exception exception) {
            skipped(metrics, record.topic(), SkippedRecordException.reasonOf(exception).tag(), context, exception);
            return Response.resume();
        }
    }

    /** A record that reads but makes the stage's processor throw: {@code processing_error}. */
    public static final class Processing implements ProcessingExceptionHandler {
        private SkippedRecordCounter metrics;

        @Override
        public void configure(Map<String, ?> configs) {
            metrics = counter(configs);
        }

        @Override
        public Response handleError(ErrorHandlerContext context, Record<?, ?> record, Exception exception) {
            skipped(metrics, context.topic(), "processing_error", context, exception);
            return Response.resume();
        }
    }

    /**
     * An output record (an event, a repartitioned record, a state changelog) the producer or broker refuses:
     * {@code record_too_large} or {@code unserializable} are skipped; retriable errors are retried; anything else
     * (authorization, a missing topic) still fails, since skipping it would drop every record.
     */
    public static final class Production implements ProductionExceptionHandler {
        private SkippedRecordCounter metrics;

        @Override
        public void configure(Map<String, ?> configs) {
            metrics = counter(configs);
        }

        @Override
        public Response handleError(ErrorHandlerContext context, ProducerRecord<byte[], byte[]> record, Exception exception) {
            if (exception instanceof RecordTooLargeException) {
                skipped(metrics, record.topic(), "record_too_large", context, exception);
                return Response.resume();
            }
            return exception instanceof RetriableException ? Response.retry() : Response.fail();
        }

        @Override
        public Response handleSerializationError(ErrorHandlerContext context, ProducerRecord record, Exception exception,
                                                 SerializationExceptionOrigin origin) {
            skipped(metrics, record.topic(), "unserializable", context, exception);
            return Response.resume();
        }
    }
}
