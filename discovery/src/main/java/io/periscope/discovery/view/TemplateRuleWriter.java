package io.periscope.discovery.view;

import io.periscope.discovery.template.PathPattern;
import io.periscope.events.catalog.TemplateRule;
import io.periscope.events.catalog.TemplateRuleSet;
import io.periscope.events.kafka.JsonSerde;
import io.periscope.events.kafka.RecordLimitExceededException;
import io.periscope.events.kafka.Topics;
import io.periscope.events.time.EpochMicros;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Utils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Changes the template rules of a service: adds and removes rules and publishes the service's rule set for the
 * discovery task that owns the service. Rule sets are written with compare-and-set semantics, across every API
 * server sharing the cluster.
 *
 * <p>How: rule sets of the services on one partition of {@code periscope.template-rules} are written only in a
 * Kafka transaction whose {@code transactional.id} names that partition, so every API server uses the same id
 * for it. Starting a producer with an id fences every earlier producer with that id. A write therefore (1) holds
 * this process's lock of the partition, so writers in one process take turns; (2) reads the partition's last
 * stable offset and waits until the read model has read up to it, so the set it starts from is the latest
 * committed one; (3) checks the caller's expected version; (4) writes the set with version + 1 and commits. If
 * another server started a producer for the partition since ours started, it may have written in between: our
 * commit then fails as fenced, is aborted (readers use {@code read_committed} and never see it), and the write
 * starts again from (2) with a new producer, up to {@link #ATTEMPTS} times before answering a conflict. So a
 * write that returns is stored, and one that throws wrote nothing: no change is lost silently.
 *
 * <p>Relies on Kafka behaviour beyond a single call's contract: that a producer's {@code initTransactions}
 * completes (commits or aborts) the transaction of the fenced producer before it returns, so that the end
 * offset read afterwards covers it.
 */
public final class TemplateRuleWriter implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(TemplateRuleWriter.class);
    static final int ATTEMPTS = 5;
    private static final Duration TIMEOUT = Duration.ofSeconds(15);
    /**
     * How long a change waits for the changes before it in this process. Each write takes milliseconds alone, but
     * when two servers alternate on a partition every write starts a new producer (hundreds of milliseconds).
     */
    private static final Duration QUEUE_TIMEOUT = Duration.ofSeconds(45);
    private static final String TRANSACTIONAL_ID_PREFIX = "periscope-template-rules-p";

    private final Map<String, Object> clientProperties;
    private final CatalogReadModel readModel;
    private final CatalogIndex index;
    private final RuleLimits limits;
    private final InstantSource clock;
    private final JsonSerde<TemplateRuleSet> serde = JsonSerde.of(TemplateRuleSet.class);
    private final KafkaConsumer<byte[], byte[]> offsets;
    private final Map<Integer, ReentrantLock> locks = new ConcurrentHashMap<>();
    /** One transactional producer per partition, created when first needed; guarded by the partition's lock. */
    private final Map<Integer, KafkaProducer<String, byte[]>> producers = new ConcurrentHashMap<>();
    private volatile int partitions;

    /**
     * @param clientProperties bootstrap servers and any client settings the cluster needs (TLS, SASL, MSK IAM)
     * @param readModel        the read model whose rule sets the changes start from
     * @param limits           bounds on a service's template rules, checked before a rule set is written
     * @param clock            when a rule was created
     */
    public TemplateRuleWriter(Map<String, ?> clientProperties, CatalogReadModel readModel, RuleLimits limits,
                              InstantSource clock) {
        this.clientProperties = new HashMap<>(clientProperties);
        this.readModel = readModel;
        this.index = readModel.index();
        this.limits = limits;
        this.clock = clock;
        Map<String, Object> c = new HashMap<>(clientProperties);
        c.remove(ConsumerConfig.GROUP_ID_CONFIG);
        c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        c.put(ConsumerConfig.CLIENT_ID_CONFIG, "periscope-rule-writer-offsets");
        this.offsets = new KafkaConsumer<>(c, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    /**
     * Adds a template rule to a service and publishes the service's rule set atomically; the discovery task that
     * owns the service applies it. Invalid patterns are rejected here with the reason.
     *
     * @param expectedVersion the version the caller read ({@code If-Match}), or empty to add to whatever is current
     * @return the set written, which holds the new rule last
     */
    public TemplateRuleSet addRule(String serviceKey, TemplateRule.Action action, String method, String pattern,
                                   String createdBy, OptionalLong expectedVersion) throws InterruptedException {
        PathPattern.parse(pattern);
        TemplateRule rule = new TemplateRule(UUID.randomUUID().toString(), action,
                method == null ? null : method.toUpperCase(Locale.ROOT), pattern, createdBy, EpochMicros.now(clock));
        return update(serviceKey, expectedVersion, current -> {
            List<TemplateRule> next = new ArrayList<>(current.rules());
            next.add(rule);
            return next;
        }).orElseThrow();
    }

    /**
     * Adds several rules of one action in one write (an imported API document vouching for its operations). A rule
     * whose action, method and pattern the set already holds is not added again, so importing a document twice
     * changes nothing. Every pattern is checked before anything is written.
     *
     * @param rules method (upper case, or null for all) and pattern of each rule
     * @return the set written, or empty when every rule was already there (nothing is written)
     * @throws IllegalArgumentException when a pattern is invalid, with the pattern and the reason
     */
    public Optional<TemplateRuleSet> addRules(String serviceKey, TemplateRule.Action action, List<Map.Entry<String, String>> rules,
                                              String createdBy, OptionalLong expectedVersion) throws InterruptedException {
        for (Map.Entry<String, String> r : rules) {
            try {
                PathPattern.parse(r.getValue());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(r.getValue() + ": " + e.getMessage(), e);
            }
        }
        long at = EpochMicros.now(clock);
        return update(serviceKey, expectedVersion, current -> {
            List<TemplateRule> next = new ArrayList<>(current.rules());
            for (Map.Entry<String, String> r : rules) {
                String method = r.getKey() == null ? null : r.getKey().toUpperCase(Locale.ROOT);
                boolean present = next.stream().anyMatch(x -> x.action() == action && Objects.equals(x.method(), method)
                        && x.pattern().equals(r.getValue()));
                if (!present) {
                    next.add(new TemplateRule(UUID.randomUUID().toString(), action, method, r.getValue(), createdBy, at));
                }
            }
            return next.size() == current.rules().size() ? null : next;
        });
    }

    /**
     * Removes a rule atomically.
     *
     * @return the set written, or empty when the service has no rule with that id (nothing is written)
     */
    public Optional<TemplateRuleSet> removeRule(String serviceKey, String ruleId, OptionalLong expectedVersion)
            throws InterruptedException {
        return update(serviceKey, expectedVersion, current -> {
            List<TemplateRule> next = current.rules().stream().filter(r -> !r.id().equals(ruleId)).toList();
            return next.size() == current.rules().size() ? null : next;
        });
    }

    /**
     * Changes a service's rule set atomically.
     *
     * @param expectedVersion when present, the version the caller read ({@code If-Match}); the change is refused
     *                        with {@link RuleConflictException.Kind#STALE_VERSION} if the set has another one
     * @param change          the next rules from the current set, or null when there is nothing to write
     * @return the set written, or empty when {@code change} returned null
     * @throws RecordLimitExceededException when the next set is over a limit
     * @throws RuleConflictException  when the expected version is stale or other servers kept winning
     * @throws RuleStoreUnavailableException when Kafka did not answer in time
     */
    private Optional<TemplateRuleSet> update(String serviceKey, OptionalLong expectedVersion,
                                     Function<TemplateRuleSet, List<TemplateRule>> change) throws InterruptedException {
        int partition = partitionOf(serviceKey);
        ReentrantLock lock = locks.computeIfAbsent(partition, p -> new ReentrantLock());
        if (!lock.tryLock(QUEUE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
            // nothing was written: under this much contention the caller is better told at once than held longer
            throw new RuleConflictException(RuleConflictException.Kind.CONCURRENT_WRITE, index.ruleSet(serviceKey).version(),
                    "other rule changes of this partition were still being made after " + QUEUE_TIMEOUT.toSeconds()
                            + "s; try again");
        }
        try {
            long version = 0;
            for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
                KafkaProducer<String, byte[]> producer = producer(partition);
                TemplateRuleSet current = latest(serviceKey, partition);
                version = current.version();
                if (expectedVersion.isPresent() && expectedVersion.getAsLong() != version) {
                    throw new RuleConflictException(RuleConflictException.Kind.STALE_VERSION, version,
                            "the rules of " + serviceKey + " are at version " + version + ", not "
                                    + expectedVersion.getAsLong() + ": read them again and retry");
                }
                List<TemplateRule> nextRules = change.apply(current);
                if (nextRules == null) {
                    return Optional.empty();
                }
                TemplateRuleSet next = current.next(nextRules);
                byte[] value = checked(current, next);
                if (write(producer, partition, serviceKey, value)) {
                    index.putRules(next);
                    return Optional.of(next);
                }
            }
            throw new RuleConflictException(RuleConflictException.Kind.CONCURRENT_WRITE, version,
                    "other API servers kept changing rules of the same partition; try again");
        } finally {
            lock.unlock();
        }
    }

    private byte[] checked(TemplateRuleSet current, TemplateRuleSet next) {
        int max = limits.maxRulesPerService();
        if (next.rules().size() > max && next.rules().size() > current.rules().size()) {
            throw new RecordLimitExceededException("service " + current.serviceKey() + " has "
                    + current.rules().size() + " rules; the limit is " + max + " (" + RuleLimits.MAX_RULES_KEY + ")");
        }
        return limits.recordSize().check("the rule set of service " + current.serviceKey(),
                serde.serialize(Topics.TEMPLATE_RULES, next));
    }

    /** The latest committed set of the service: waits until the read model has read the partition to its end. */
    private TemplateRuleSet latest(String serviceKey, int partition) throws InterruptedException {
        TopicPartition tp = new TopicPartition(Topics.TEMPLATE_RULES, partition);
        long end;
        try {
            synchronized (offsets) {
                end = offsets.endOffsets(List.of(tp), TIMEOUT).get(tp);
            }
        } catch (KafkaException e) {
            LOG.warn("Kafka did not tell the end of {}: {}", tp, rootName(e));
            throw new RuleStoreUnavailableException("Kafka did not tell the end of " + tp + "; try again");
        }
        if (!readModel.awaitPosition(tp, end, TIMEOUT)) {
            throw new RuleStoreUnavailableException("the rules read model did not catch up with " + tp + " within "
                    + TIMEOUT.toSeconds() + "s");
        }
        return index.ruleSet(serviceKey);
    }

    /**
     * True when committed; false when the transaction failed with an answer from Kafka (fenced by another
     * server's producer, aborted, refused): nothing of it is committed, so the write may start again from a fresh
     * read. A timeout is not such an answer: its outcome is unknown, so it is the caller's to decide (503).
     */
    private boolean write(KafkaProducer<String, byte[]> producer, int partition, String serviceKey, byte[] value)
            throws InterruptedException {
        try {
            producer.beginTransaction();
            producer.send(new ProducerRecord<>(Topics.TEMPLATE_RULES, partition, serviceKey, value))
                    .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            producer.commitTransaction();
            return true;
        } catch (ExecutionException | KafkaException e) {
            discard(partition);
            if (timedOut(e)) {
                throw new RuleStoreUnavailableException("Kafka did not confirm the rule set within "
                        + TIMEOUT.toSeconds() + "s; it may have been stored: read the rules before retrying");
            }
            LOG.debug("rule set transaction on partition {} failed ({}); retrying from a fresh read", partition,
                    e.getClass().getSimpleName());
            return false;
        } catch (TimeoutException e) {
            discard(partition);
            throw new RuleStoreUnavailableException("Kafka did not accept the rule set within " + TIMEOUT.toSeconds() + "s");
        }
    }

    private static boolean timedOut(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof org.apache.kafka.common.errors.TimeoutException) { // not java.util.concurrent's
                return true;
            }
        }
        return false;
    }

    private static String rootName(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t.getClass().getSimpleName();
    }

    private KafkaProducer<String, byte[]> producer(int partition) {
        return producers.computeIfAbsent(partition, p -> {
            Map<String, Object> props = new HashMap<>(clientProperties);
            props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, TRANSACTIONAL_ID_PREFIX + p);
            props.put(ProducerConfig.ACKS_CONFIG, "all");
            props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
            props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) TIMEOUT.toMillis());
            KafkaProducer<String, byte[]> producer = new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
            try {
                producer.initTransactions();
            } catch (KafkaException e) {
                producer.close(Duration.ZERO);
                LOG.warn("cannot start the rule writer of partition {}: {}", p, rootName(e));
                throw new RuleStoreUnavailableException("cannot start a rule writer; try again");
            }
            return producer;
        });
    }

    private void discard(int partition) {
        KafkaProducer<String, byte[]> producer = producers.remove(partition);
        if (producer != null) {
            producer.close(Duration.ZERO);
        }
    }

    /**
     * The partition the default partitioner gives the service key, which is where exchanges of the service go
     * (the topics are co-partitioned). Computed here so the transactional id and the record's partition agree.
     */
    private int partitionOf(String serviceKey) {
        if (partitions == 0) {
            synchronized (offsets) {
                partitions = offsets.partitionsFor(Topics.TEMPLATE_RULES, TIMEOUT).size();
            }
        }
        return Utils.toPositive(Utils.murmur2(serviceKey.getBytes(StandardCharsets.UTF_8))) % partitions;
    }

    @Override
    public void close() {
        producers.values().forEach(p -> p.close(Duration.ofSeconds(5)));
        producers.clear();
        synchronized (offsets) {
            offsets.close(Duration.ofSeconds(5));
        }
    }
}
