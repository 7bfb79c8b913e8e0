package io.periscope.broker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.Feature;
import org.apache.kafka.server.common.MetadataVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real, single-node Apache Kafka broker in KRaft combined mode (broker and controller in one
 * process), started in-process. Used by the standalone run and by integration tests.
 *
 * <p>The log directory is formatted once, on first start; later starts reuse it, so a restart
 * resumes from what is on disk. {@link #close()} is a controlled shutdown that flushes every log.
 *
 * <p>Security: the broker holds API tokens and sessions ({@code periscope.tokens},
 * {@code periscope.sessions}), so a local process that could write to it could mint an admin token.
 * Therefore every listener binds to a loopback address only, and every listener requires SASL with
 * the install's {@link BrokerCredentials} (created at first start, in {@value BrokerCredentials#FILE_NAME}
 * in the log directory): SCRAM-SHA-512 on the client listener, PLAIN on the controller listener, where
 * KRaft offers no SCRAM. There is no unauthenticated listener. The {@code StandardAuthorizer} denies
 * everything to every principal but the install's own (a super user), so a credential added to the
 * cluster by other means still grants nothing. Clients take their settings from
 * {@link #clientProperties()}.
 *
 * <p>Requires {@code kafka_2.13}, {@code kafka-server} and {@code kafka-metadata} on the class path
 * (optional dependencies of the events module).
 */
public final class EmbeddedKafkaBroker implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafkaBroker.class);
    private static final int NODE_ID = 1;

    private static final Duration REGISTRATION_TIMEOUT = Duration.ofSeconds(60);
    private static final String CLIENT_LISTENER = "CLIENT";
    private static final String CONTROLLER_LISTENER = "CONTROLLER";

    private final KafkaRaftServer server;
    private final String bootstrapServers;
    private final Path logDir;
    private final BrokerCredentials credentials;

    private EmbeddedKafkaBroker(KafkaRaftServer server, String bootstrapServers, Path logDir, BrokerCredentials credentials) {
        this.server = server;
        this.bootstrapServers = bootstrapServers;
        this.logDir = logDir;
        this.credentials = credentials;
    }

    /** Where the broker in {@code logDir} keeps the credentials of its clients. */
    public static Path credentialsFile(Path logDir) {
        return logDir.resolve(BrokerCredentials.FILE_NAME);
    }

    /**
     * Starts a broker whose data lives under {@code logDir}.
     *
     * @param logDir  the broker's log directory; created and formatted when it holds no Kafka data yet
     * @param host    the loopback address to bind and advertise (127.0.0.1, ::1, localhost)
     * @param port    the client port, or 0 for a free one
     * @throws IllegalArgumentException when {@code host} is not a loopback address
     */
    public static EmbeddedKafkaBroker start(Path logDir, String host, int port) {
        try {
            requireLoopback(host);
            Files.createDirectories(logDir);
            BrokerCredentials credentials = BrokerCredentials.loadOrCreate(credentialsFile(logDir));
            int clientPort = port == 0 ? freePort(host) : port;
            boolean existing = Files.exists(logDir.resolve("meta.properties"));
            if (!existing) {
                format(logDir, credentials);
            }
            EmbeddedKafkaBroker broker = launch(logDir, host, clientPort, credentials, false);
            if (existing && !ScramRegistration.accepts(broker.clientProperties(), REGISTRATION_TIMEOUT)) {
                // Storage formatted before authentication was required, or a deleted credentials file
                // (a new password): nobody can log in, so register the file's credentials once through
                // a short-lived start that also accepts them over PLAIN, then start as always.
                broker.close();
                try (EmbeddedKafkaBroker enrolling = launch(logDir, host, clientPort, credentials, true)) {
                    ScramRegistration.register(enrolling.plainClientProperties(), enrolling.clientProperties(),
                            credentials, REGISTRATION_TIMEOUT);
                }
                broker = launch(logDir, host, clientPort, credentials, false);
                LOG.info("registered new Kafka client credentials for the embedded broker");
            }
            LOG.info("embedded Kafka broker started on {} (SASL {}) with data in {}", broker.bootstrapServers(),
                    BrokerCredentials.MECHANISM, logDir.toAbsolutePath());
            return broker;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare Kafka data directory " + logDir, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting the embedded Kafka broker", e);
        }
    }

    /**
     * Starts the server on formatted storage.
     *
     * @param enrolling also accept the install's credentials over PLAIN on the client listener (checked
     *                  against the broker's own configuration, not the metadata), to register them
     */
    private static EmbeddedKafkaBroker launch(Path logDir, String host, int clientPort, BrokerCredentials credentials,
                                              boolean enrolling) throws IOException {
        int controllerPort = freePort(host);
        String address = host.contains(":") ? "[" + host + "]" : host;
        Properties props = new Properties();
        props.put("process.roles", "broker,controller");
        props.put("node.id", Integer.toString(NODE_ID));
        props.put("listeners", CLIENT_LISTENER + "://" + address + ":" + clientPort + ","
                + CONTROLLER_LISTENER + "://" + address + ":" + controllerPort);
        props.put("advertised.listeners", CLIENT_LISTENER + "://" + address + ":" + clientPort);
        props.put("listener.security.protocol.map",
                CLIENT_LISTENER + ":SASL_PLAINTEXT," + CONTROLLER_LISTENER + ":SASL_PLAINTEXT");
        props.put("controller.listener.names", CONTROLLER_LISTENER);
        props.put("inter.broker.listener.name", CLIENT_LISTENER);
        authentication(props, credentials, enrolling);
        // A static single voter: the controller port may change between starts without reformatting.
        props.put("controller.quorum.voters", NODE_ID + "@" + address + ":" + controllerPort);
        props.put("log.dirs", logDir.toAbsolutePath().toString());
        props.put("auto.create.topics.enable", "false");
        props.put("num.partitions", "1");
        props.put("default.replication.factor", "1");
        props.put("min.insync.replicas", "1");
        props.put("offsets.topic.replication.factor", "1");
        props.put("offsets.topic.num.partitions", "10");
        props.put("transaction.state.log.replication.factor", "1");
        props.put("transaction.state.log.min.isr", "1");
        props.put("transaction.state.log.num.partitions", "4");
        props.put("share.coordinator.state.topic.replication.factor", "1");
        props.put("share.coordinator.state.topic.min.isr", "1");
        props.put("group.initial.rebalance.delay.ms", "0");
        props.put("log.cleaner.dedupe.buffer.size", Integer.toString(8 * 1024 * 1024));
        KafkaRaftServer server = new KafkaRaftServer(KafkaConfig.fromProps(props, false), Time.SYSTEM);
        server.startup();
        return new EmbeddedKafkaBroker(server, address + ":" + clientPort, logDir, credentials);
    }

    /**
     * SASL on both listeners and an authorizer that grants everything to the install's principal and
     * nothing to anyone else ({@code allow.everyone.if.no.acl.found} stays false).
     */
    private static void authentication(Properties props, BrokerCredentials credentials, boolean enrolling) {
        String client = "listener.name." + CLIENT_LISTENER.toLowerCase(Locale.ROOT) + ".";
        String controller = "listener.name." + CONTROLLER_LISTENER.toLowerCase(Locale.ROOT) + ".";
        props.put("sasl.mechanism.inter.broker.protocol", BrokerCredentials.MECHANISM);
        props.put("sasl.mechanism.controller.protocol", "PLAIN");
        props.put(client + BrokerCredentials.MECHANISM.toLowerCase(Locale.ROOT) + ".sasl.jaas.config", credentials.scramJaas());
        if (enrolling) {
            props.put(client + "sasl.enabled.mechanisms", BrokerCredentials.MECHANISM + ",PLAIN");
            props.put(client + "plain.sasl.jaas.config", credentials.plainServerJaas());
        } else {
            props.put(client + "sasl.enabled.mechanisms", BrokerCredentials.MECHANISM);
        }
        props.put(controller + "sasl.enabled.mechanisms", "PLAIN");
        props.put(controller + "plain.sasl.jaas.config", credentials.plainServerJaas());
        props.put("authorizer.class.name", "org.apache.kafka.metadata.authorizer.StandardAuthorizer");
        props.put("super.users", credentials.principal());
        props.put("allow.everyone.if.no.acl.found", "false");
    }

    private static void requireLoopback(String host) {
        try {
            if (!InetAddress.getByName(host).isLoopbackAddress()) {
                throw new IllegalArgumentException("the embedded Kafka broker binds to loopback addresses only, not " + host);
            }
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("unknown host for the embedded Kafka broker: " + host, e);
        }
    }

    /** Formats the storage with the install's SCRAM credentials among the bootstrap metadata records. */
    private static void format(Path logDir, BrokerCredentials credentials) throws IOException {
        try {
            new Formatter()
                    .setPrintStream(new java.io.PrintStream(java.io.OutputStream.nullOutputStream()))
                    .setClusterId(Uuid.randomUuid().toString())
                    .setNodeId(NODE_ID)
                    .setControllerListenerName("CONTROLLER")
                    .setMetadataLogDirectory(logDir.toAbsolutePath().toString())
                    .setDirectories(List.of(logDir.toAbsolutePath().toString()))
                    .setSupportedFeatures(Feature.PRODUCTION_FEATURES)
                    .setReleaseVersion(MetadataVersion.latestProduction())
                    .setUnstableFeatureVersionsEnabled(false)
                    .setIgnoreFormatted(true)
                    .setScramArguments(List.of(credentials.scramArgument()))
                    .run();
        } catch (IOException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("cannot format Kafka storage in " + logDir + ": " + e.getMessage(), e);
        }
    }

    private static int freePort(String host) throws IOException {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getByName(host), 0));
            return socket.getLocalPort();
        }
    }

    /** {@code host:port} for clients. */
    public String bootstrapServers() {
        return bootstrapServers;
    }

    public Path logDir() {
        return logDir;
    }

    /** PLAIN client properties, accepted only while {@link #launch enrolling}. */
    private Map<String, Object> plainClientProperties() {
        Map<String, Object> props = clientProperties();
        props.put("sasl.mechanism", "PLAIN");
        props.put("sasl.jaas.config", credentials.plainClientJaas());
        return props;
    }

    /**
     * Everything a client of this broker needs: bootstrap servers and SASL settings. The one place
     * clients get them from; nothing else needs to know how the broker authenticates.
     */
    public Map<String, Object> clientProperties() {
        Map<String, Object> props = new HashMap<>(credentials.clientProperties());
        props.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        return props;
    }

    /** Controlled shutdown: flushes and closes every log, so the next start loses nothing. */
    @Override
    public void close() {
        server.shutdown();
        server.awaitShutdown();
        LOG.info("embedded Kafka broker stopped");
    }
}
