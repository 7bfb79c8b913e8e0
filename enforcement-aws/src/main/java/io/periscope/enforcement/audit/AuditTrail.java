package io.periscope.enforcement.audit;

import io.periscope.events.enforcement.AuditEntry;
import io.periscope.events.kafka.SkipCounter;
import io.periscope.events.kafka.TopicReader;
import io.periscope.events.kafka.TopicTail;
import io.periscope.events.kafka.Topics;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.LoggerFactory;

/**
 * The most recent audit entries, read from {@code periscope.enforcement-audit} for the API and the UI. Holds at most
 * {@code capacity} entries (the oldest go first); the topic keeps the full year.
 */
public final class AuditTrail implements AutoCloseable {
    private final TopicReader<AuditEntry> reader;
    private final TopicTail tail;
    private final Deque<AuditEntry> recent = new ArrayDeque<>();
    private final int capacity;

    public AuditTrail(Map<String, Object> clientProperties, int capacity, SkipCounter skips) {
        this.capacity = capacity;
        this.reader = TopicReader.of(AuditEntry.class, TopicReader.ANY_VERSION, skips,
                LoggerFactory.getLogger(AuditTrail.class));
        this.tail = new TopicTail(clientProperties, List.of(Topics.ENFORCEMENT_AUDIT), "enforcement-audit", this::apply);
    }

    public AuditTrail start() {
        tail.start();
        return this;
    }

    private void apply(ConsumerRecord<String, byte[]> record) {
        AuditEntry entry = reader.read(record);
        if (entry == null) {
            return;
        }
        synchronized (recent) {
            recent.addFirst(entry);
            while (recent.size() > capacity) {
                recent.removeLast();
            }
        }
    }

    /** Up to {@code limit} entries, newest first, optionally only those about {@code target}. */
    public List<AuditEntry> recent(int limit, String target) {
        List<AuditEntry> out = new ArrayList<>();
        synchronized (recent) {
            for (AuditEntry e : recent) {
                if (out.size() >= limit) {
                    break;
                }
                if (target == null || target.equals(e.target())) {
                    out.add(e);
                }
            }
        }
        return out;
    }

    @Override
    public void close() throws InterruptedException {
        tail.close();
    }
}
