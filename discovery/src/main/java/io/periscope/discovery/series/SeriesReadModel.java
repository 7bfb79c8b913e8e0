package io.periscope.discovery.series;

import io.periscope.discovery.catalog.DiscoveryMetrics;
import io.periscope.events.kafka.SkipCounter;
import io.periscope.events.kafka.TopicReader;
import io.periscope.events.kafka.TopicTail;
import io.periscope.events.kafka.Topics;
import io.periscope.events.series.BucketKey;
import io.periscope.events.series.SeriesBucket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The series read model of the api role: reads every partition of {@code periscope.series} from the beginning (no
 * consumer group, like the catalog's read model: every api server holds every series) into a {@link SeriesIndex}.
 * Thread-safe.
 */
public final class SeriesReadModel implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SeriesReadModel.class);

    private final TopicTail tail;
    private final DiscoveryMetrics metrics;
    private final SeriesIndex index = new SeriesIndex();
    private final TopicReader<SeriesBucket> buckets;

    /** @param clientProperties bootstrap servers and any client settings the cluster needs */
    public SeriesReadModel(Map<String, ?> clientProperties, DiscoveryMetrics metrics) {
        this.tail = new TopicTail(clientProperties, List.of(Topics.SERIES), "series-view", this::apply);
        this.metrics = metrics;
        SkipCounter skipped = (topic, reason) -> metrics.viewUnreadable(topic, reason.tag());
        this.buckets = TopicReader.of(SeriesBucket.class, SeriesBucket.SCHEMA_VERSION, skipped, LOG);
    }

    public void start() {
        tail.start();
    }

    /**
     * A tombstone removes its bucket; a record whose key is not a bucket key, that cannot be read, or that the index
     * refuses (too many series) is skipped and counted.
     */
    private void apply(ConsumerRecord<String, byte[]> r) {
        try {
            if (r.value() == null) {
                BucketKey.parse(r.key()).ifPresentOrElse(index::remove,
                        () -> metrics.viewUnreadable(r.topic(), "bad_key"));
                return;
            }
            SeriesBucket b = buckets.read(r);
            if (b != null && !index.put(b)) {
                metrics.viewUnreadable(r.topic(), "too_many_series");
            }
        } catch (RuntimeException e) {
            metrics.viewUnreadable(r.topic(), "processing_error");
        }
    }

    public boolean awaitCaughtUp(Duration timeout) throws InterruptedException {
        return tail.awaitCaughtUp(timeout);
    }

    public boolean caughtUp() {
        return tail.caughtUp();
    }

    public SeriesIndex index() {
        return index;
    }

    @Override
    public void close() {
        try {
            tail.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
