package io.periscope.discovery.streams;

import io.periscope.discovery.catalog.DiscoveryMetrics;
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
 * Kafka Streams' exception handlers for discovery: a poison record, on any input topic or on the way out, is
 * skipped and counted by topic and reason ({@code periscope.discovery.records.skipped}), and the stream thread
 * keeps running. One record never stops the catalog of every service.
 *
 * <p>Kafka Streams creates the handlers by class name; each finds the {@link DiscoveryMetrics} under
 * {@link DiscoveryStreams#METRICS_CONFIG} in the configuration it is given. Logs are rate-limited and name the
 * topic, partition, offset and failure class, never the record.
 */
public final class PoisonRecordHandlers {
    private static final Logger LOG = LoggerFactory.getLogger(PoisonRecordHandlers.class);
    private static final ThrottledLogger WARN = new ThrottledLogger(LOG, Duration.ofMinutes(1));

    private PoisonRecordHandlers() {
    }

    static DiscoveryMetrics metrics(Map<String, ?> configs) {
        Object metrics = configs.get(DiscoveryStreams.METRICS_CONFIG);
        if (!(metrics instanceof DiscoveryMetrics m)) {
            throw new ConfigException(DiscoveryStreams.METRICS_CONFIG, metrics, "expected the DiscoveryMetrics instance");
        }
        return m;
    }

    private static void skipped(DiscoveryMetrics metrics, String topic, String reason, ErrorHandlerContext context,
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
        private DiscoveryMetrics metrics;

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

    /** A record that reads but makes the catalog throw: {@code processing_error}. */
    public static final class Processing implements ProcessingExceptionHandler {
        private DiscoveryMetrics metrics;

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
     * An output record (snapshot, change, finding, state changelog) the producer or broker refuses:
     * {@code record_too_large} or {@code unserializable} are skipped; retriable errors are retried; anything else
     * (authorization, a missing topic) still fails, since skipping it would drop every record.
     */
    public static final class Production implements ProductionExceptionHandler {
        private DiscoveryMetrics metrics;

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
