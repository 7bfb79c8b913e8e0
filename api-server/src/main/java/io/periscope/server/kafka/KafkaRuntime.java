package io.periscope.server.kafka;

import io.micronaut.context.annotation.Context;
import io.periscope.broker.BrokerCredentials;
import io.periscope.broker.EmbeddedKafkaBroker;
import io.periscope.events.kafka.TopicProvisioner;
import io.periscope.events.kafka.TopicSpec;
import io.periscope.events.kafka.Topics;
import io.periscope.server.config.KafkaSettings;
import io.periscope.server.config.PeriscopeSettings;
import jakarta.annotation.PreDestroy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Kafka this process talks to: the embedded broker (standalone default) or an external cluster
 * (Kafka or Amazon MSK) when bootstrap servers are configured. Created before every other component
 * and closed after them, so the embedded broker outlives its clients and stops cleanly.
 */
@Context
public class KafkaRuntime implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(KafkaRuntime.class);

    private final KafkaSettings settings;
    private final EmbeddedKafkaBroker embedded;
    private final String bootstrapServers;
    private final Map<String, Object> clientProperties;
    private final Admin admin;

    public KafkaRuntime(PeriscopeSettings periscope) throws InterruptedException {
        this.settings = periscope.kafka();
        if (settings.embedded()) {
            embedded = EmbeddedKafkaBroker.start(embeddedLogDir(periscope),
                    settings.embeddedHost(), settings.embeddedPort());
            bootstrapServers = embedded.bootstrapServers();
            Map<String, Object> props = new HashMap<>(settings.clientProperties());
            props.putAll(embedded.clientProperties());
            clientProperties = Map.copyOf(props);
        } else {
            embedded = null;
            bootstrapServers = settings.bootstrap();
            clientProperties = Map.copyOf(settings.externalClientProperties());
        }
        admin = Admin.create(clientProperties());
        try {
            new TopicProvisioner(admin, settings.startupTimeout()).ensure(topicSpecs(settings));
            checkCoPartitioning();
        } catch (RuntimeException | InterruptedException e) {
            close();
            throw e;
        }
        LOG.info("Kafka ready at {} ({})", bootstrapServers, embedded != null ? "embedded" : "external");
    }

    /**
     * Every topic this process provisions, with configured partitions and replication. Topics
     * co-partitioned with the exchanges topic already carry its partition count in the settings.
     */
    static List<TopicSpec> topicSpecs(KafkaSettings settings) {
        return Topics.defaults().stream()
                .map(s -> s.withPartitions(settings.topicPartitions().getOrDefault(s.name(), s.partitions())))
                .map(s -> s.withReplicationFactor(settings.replicationFactor()))
                .toList();
    }

    /**
     * Topics read together with the exchanges topic must have its partition count. Created by us they
     * do; on a cluster where the exchanges topic already existed with another count they may not, and
     * Kafka Streams would then fail later with a less helpful error.
     */
    private void checkCoPartitioning() throws InterruptedException {
        List<String> names = new ArrayList<>(Topics.CO_PARTITIONED_WITH_EXCHANGES);
        names.add(Topics.EXCHANGES);
        try {
            Map<String, TopicDescription> topics = describeOnceKnown(names);
            int expected = topics.get(Topics.EXCHANGES).partitions().size();
            for (String name : Topics.CO_PARTITIONED_WITH_EXCHANGES) {
                int actual = topics.get(name).partitions().size();
                if (actual != expected) {
                    throw new IllegalStateException(name + " has " + actual + " partitions but " + Topics.EXCHANGES
                            + " has " + expected + "; they are read together and must match: recreate " + name
                            + " with " + expected + " partitions");
                }
            }
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot describe the Periscope topics: " + e.getMessage(), e);
        }
    }

    /**
     * Describes topics that were just created: a broker may answer {@code UnknownTopicOrPartition} for a moment
     * after the creation was acknowledged (its metadata cache lags the controller), so that answer is retried
     * until the startup timeout.
     */
    private Map<String, TopicDescription> describeOnceKnown(List<String> names)
            throws InterruptedException, ExecutionException, TimeoutException {
        long deadline = System.nanoTime() + settings.startupTimeout().toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            try {
                return admin.describeTopics(names).allTopicNames().get(Math.max(1, left), TimeUnit.NANOSECONDS);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException)
                        || System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(50); // metadata propagation takes milliseconds; not a hot path
            }
        }
    }

    /** The log directory of the embedded broker; its client credentials are in it too. */
    private static Path embeddedLogDir(PeriscopeSettings periscope) {
        return periscope.dataDir().resolve("kafka");
    }

    /**
     * Client properties for a process that talks to this install's Kafka without running it (the
     * {@code periscope replay} command): the external cluster, or the embedded broker of a standalone
     * server on this machine, at its configured port and with the credentials it created.
     *
     * @throws IllegalStateException when the standalone server's credentials cannot be read
     */
    public static Map<String, Object> clientPropertiesOf(PeriscopeSettings periscope) {
        KafkaSettings kafka = periscope.kafka();
        if (!kafka.embedded()) {
            return kafka.externalClientProperties();
        }
        String host = kafka.embeddedHost().contains(":") ? "[" + kafka.embeddedHost() + "]" : kafka.embeddedHost();
        Map<String, Object> props = new HashMap<>(kafka.clientProperties());
        props.putAll(BrokerCredentials.read(EmbeddedKafkaBroker.credentialsFile(embeddedLogDir(periscope))).clientProperties());
        props.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, host + ":" + kafka.embeddedPort());
        return props;
    }

    /**
     * Properties every Kafka client of this process starts from: bootstrap servers and how to
     * authenticate (the embedded broker's generated SASL credentials, or the external cluster's
     * security settings). The one place clients get them; a fresh mutable copy on each call.
     */
    public Map<String, Object> clientProperties() {
        return new HashMap<>(clientProperties);
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    public boolean embedded() {
        return embedded != null;
    }

    /** Asks the cluster for its nodes, to report reachability in /health. */
    public KafkaStatus status(Duration timeout) {
        try {
            var cluster = admin.describeCluster();
            int nodes = cluster.nodes().get(timeout.toMillis(), TimeUnit.MILLISECONDS).size();
            String clusterId = cluster.clusterId().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            Set<String> topics = admin.listTopics().names().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            long missing = topicSpecs(settings).stream().filter(s -> !topics.contains(s.name())).count();
            return new KafkaStatus(true, embedded(), bootstrapServers, clusterId, nodes, (int) missing, null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new KafkaStatus(false, embedded(), bootstrapServers, null, 0, -1, "interrupted");
        } catch (Exception e) {
            String reason = e.getCause() != null ? e.getCause().getMessage() : e.getMessage();
            return new KafkaStatus(false, embedded(), bootstrapServers, null, 0, -1, reason);
        }
    }

    @PreDestroy
    @Override
    public void close() {
        if (admin != null) {
            admin.close(Duration.ofSeconds(5));
        }
        if (embedded != null) {
            embedded.close();
        }
    }
}
