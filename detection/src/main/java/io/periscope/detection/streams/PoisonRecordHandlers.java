package io.periscope.detection.streams;

import io.periscope.events.kafka.SkippedRecordException;
import io.periscope.events.log.ThrottledLogger;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.errors.ProductionExceptionHandler;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kafka Streams' exception handlers for detection: a poison record, on any input topic or on the way out, is
 * skipped and counted by topic and reason ({@code periscope.detection.records.skipped}), and the stream thread
 * keeps running. One record never stops detection for every actor.
 *
 * <p>Kafka Streams creates the handlers by class name; each finds the {@link DetectionMetrics} under
 * {@link DetectionStreams#METRICS_CONFIG} in the configuration it is given. Logs are rate-limited and name the
 * topic, partition, offset and failure class, never the record.
 */
public final class PoisonRecordHandlers {
    private static final Logger LOG = LoggerFactory.getLogger(PoisonRecordHandlers.class);
    private static final ThrottledLogger WARN = new ThrottledLogger(LOG, Duration.ofMinutes(1));

    private PoisonRecordHandlers() {
    }

    static DetectionMetrics metrics(Map<String, ?> configs) {
        Object metrics = configs.get(DetectionStreams.METRICS_CONFIG);
        if (!(metrics instanceof DetectionMetrics m)) {
            throw new ConfigException(DetectionStreams.METRICS_CONFIG, metrics, "expected the DetectionMetrics instance");
        }
        return m;
    }

    private static void skipped(DetectionMetrics metrics, String topic, String reason, ErrorHandlerContext context,
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
        private DetectionMetrics metrics;

        @Override
        public void configure(Map<String, ?> configs) {
            metrics = metrics(configs);
        }

        @Override
        public Response handleError(ErrorHandlerContext context, ConsumerRecord<byte[], byte[]> record, Exception exception) {
            skipped(metrics, record.topic(), SkippedRecordException.reasonOf(exception).tag(), context, exception);
            return Response.resume();
        }
    }

    /** A record that reads but makes a detector throw: {@code processing_error}. */
    public static final class Processing implements ProcessingExceptionHandler {
        private DetectionMetrics metrics;

        @Override
        public void configure(Map<String, ?> configs) {
            metrics = metrics(configs);
        }

        @Override
        public Response handleError(ErrorHandlerContext context, Record<?, ?> record, Exception exception) {
            skipped(metrics, context.topic(), "processing_error", context, exception);
            return Response.resume();
        }
    }

    /**
     * An output record (signal, incident, repartitioned observation, state changelog) the producer or broker refuses:
     * {@code record_too_large} or {@code unserializable} are skipped; retriable errors are retried; anything else
     * (authorization, a missing topic) still fails, since skipping it would drop every record.
     */
    public static final class Production implements ProductionExceptionHandler {
        private DetectionMetrics metrics;

        @Override
        public void configure(Map<String, ?> configs) {
            metrics = metrics(configs);
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
