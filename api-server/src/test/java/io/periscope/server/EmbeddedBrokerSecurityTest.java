package io.periscope.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.periscope.events.auth.ApiToken;
import io.periscope.broker.EmbeddedKafkaBroker;
import io.periscope.events.kafka.JsonSerde;
import io.periscope.events.kafka.Topics;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * A local process cannot use the standalone server's embedded broker: it listens on loopback only,
 * lets in nobody without the install's generated SASL credentials, and what it stores about tokens and
 * sessions is useless to whoever reads it. Before this, any local process could write an admin token
 * record to {@code periscope.tokens} and sign in with it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EmbeddedBrokerSecurityTest {
    private static final String FORGED_TOKEN = "psc_forged-by-a-local-process-0123456789";
    private static final String WRONG_PASSWORD_JAAS = "org.apache.kafka.common.security.scram.ScramLoginModule required"
            + " username=\"periscope\" password=\"guessed-password\";";

    @TempDir
    static Path dataDir;
    TestApp app;

    @BeforeAll
    void start() {
        app = TestApp.start(dataDir);
    }

    @AfterAll
    void stop() {
        app.close();
    }

    @Test
    void aLocalProcessWithoutTheCredentialsCannotWriteAnAdminTokenRecord() throws Exception {
        Map<String, Object> anonymous = anonymous();
        anonymous.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 3000);
        assertThatThrownBy(() -> forgeAdminToken(anonymous)).isInstanceOf(Exception.class);

        Map<String, Object> guessing = app.kafkaClientProperties();
        guessing.put(SaslConfigs.SASL_JAAS_CONFIG, WRONG_PASSWORD_JAAS);
        guessing.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
        assertThatThrownBy(() -> forgeAdminToken(guessing)).hasCauseInstanceOf(SaslAuthenticationException.class);

        assertThat(String.valueOf(readTopic(Topics.TOKENS))).doesNotContain("forged");
        assertThat(app.send(app.request("/api/v1/tokens").header("Authorization", "Bearer " + FORGED_TOKEN)).statusCode())
                .isEqualTo(401);
    }

    @Test
    void aClientWithoutTheCredentialsCannotListTopics() {
        Map<String, Object> anonymous = anonymous();
        anonymous.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 3000);
        anonymous.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2000);
        try (Admin admin = Admin.create(anonymous)) {
            assertThatThrownBy(() -> admin.listTopics().names().get(30, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class);
        }
        Map<String, Object> guessing = app.kafkaClientProperties();
        guessing.put(SaslConfigs.SASL_JAAS_CONFIG, WRONG_PASSWORD_JAAS);
        try (Admin admin = Admin.create(guessing)) {
            assertThatThrownBy(() -> admin.listTopics().names().get(30, TimeUnit.SECONDS))
                    .hasCauseInstanceOf(SaslAuthenticationException.class);
        }
    }

    @Test
    void theBrokerIsNotReachableOnAnyNonLoopbackAddressOfThisMachine() throws Exception {
        String bootstrap = (String) app.kafkaClientProperties().get(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG);
        int port = Integer.parseInt(bootstrap.substring(bootstrap.lastIndexOf(':') + 1));
        assertThat(InetAddress.getByName(bootstrap.substring(0, bootstrap.lastIndexOf(':'))).isLoopbackAddress()).isTrue();

        List<InetAddress> external = new ArrayList<>();
        for (NetworkInterface nic : NetworkInterface.networkInterfaces().toList()) {
            nic.inetAddresses().filter(a -> !a.isLoopbackAddress() && !a.isLinkLocalAddress()).forEach(external::add);
        }
        assumeThat(external).as("a non-loopback address on this machine").isNotEmpty();
        try (Socket control = new Socket()) {
            control.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 2000); // it does listen
        }
        for (InetAddress address : external) {
            assertThatThrownBy(() -> {
                try (Socket socket = new Socket()) {
                    socket.connect(new InetSocketAddress(address, port), 2000);
                }
            }).as("connecting to %s:%d", address.getHostAddress(), port)
                    .isInstanceOfAny(ConnectException.class, SocketTimeoutException.class);
        }
    }

    @Test
    void tokenAndSessionRecordsHoldOnlyDigestsThatAreUselessAsCredentials() throws Exception {
        String token = app.createToken("digest check", "admin");
        HttpResponse<String> signIn = app.send(app.request("/api/v1/session").header("Content-Type", "application/json")
                .POST(TestApp.jsonBody(Map.of("token", token))));
        assertThat(signIn.statusCode()).isEqualTo(200);
        String setCookie = signIn.headers().firstValue("Set-Cookie").orElseThrow();
        String sessionId = setCookie.substring(setCookie.indexOf('=') + 1, setCookie.indexOf(';'));

        List<Map.Entry<String, String>> tokens = readTopic(Topics.TOKENS);
        List<Map.Entry<String, String>> sessions = readTopic(Topics.SESSIONS);
        String everything = String.valueOf(tokens) + sessions;
        assertThat(everything).doesNotContain(token).doesNotContain(TestApp.ADMIN_TOKEN).doesNotContain(sessionId);

        assertThat(tokens).hasSizeGreaterThanOrEqualTo(2);
        for (Map.Entry<String, String> record : tokens) {
            String digest = TestApp.JSON.readTree(record.getValue()).path("tokenSha256").asText();
            assertThat(digest).hasSize(64);
            assertThat(app.send(app.request("/api/v1/tokens").header("Authorization", "Bearer " + digest)).statusCode())
                    .isEqualTo(401);
        }
        String sessionKey = sha256Hex("periscope-session:" + sessionId);
        assertThat(sessions).extracting(Map.Entry::getKey).contains(sessionKey);
        assertThat(app.send(app.request("/api/v1/session").header("Cookie", "periscope_session=" + sessionKey)).statusCode())
                .isEqualTo(401);
        assertThat(app.send(app.request("/api/v1/session").header("Cookie", "periscope_session=" + sessionId)).statusCode())
                .isEqualTo(200);
    }

    @Test
    void theCredentialsFileIsOwnerOnlyAndReusedAcrossARestart(@TempDir Path otherData) throws Exception {
        Path file = EmbeddedKafkaBroker.credentialsFile(otherData.resolve("kafka"));
        String before;
        try (TestApp first = TestApp.start(otherData)) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
            before = Files.readString(file);
            assertThat(first.kafkaClientProperties().get(SaslConfigs.SASL_JAAS_CONFIG).toString())
                    .contains(before.lines().filter(l -> l.startsWith("password=")).findFirst().orElseThrow().substring(9));
        }
        try (TestApp second = TestApp.start(otherData)) {
            assertThat(Files.readString(file)).isEqualTo(before);
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
            assertThat(second.send(second.asAdmin("/api/v1/tokens")).statusCode()).isEqualTo(200);
        }
    }

    private Map<String, Object> anonymous() {
        Map<String, Object> props = new HashMap<>();
        props.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, app.kafkaClientProperties().get(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG));
        return props;
    }

    /** The attack: an admin token record whose digest is that of a token the attacker chose. */
    private static void forgeAdminToken(Map<String, Object> props) throws Exception {
        ApiToken forged = new ApiToken(ApiToken.SCHEMA_VERSION, "tok_forged", "forged", "admin", sha256Hex(FORGED_TOKEN),
                System.currentTimeMillis() * 1000, "bootstrap");
        try (var producer = new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(Topics.TOKENS, forged.id(),
                    JsonSerde.of(ApiToken.class).serialize(Topics.TOKENS, forged))).get(15, TimeUnit.SECONDS);
        }
    }

    /** Every record on the topic as (key, value) text, from the beginning to the current end. */
    private List<Map.Entry<String, String>> readTopic(String topic) {
        Map<String, Object> props = app.kafkaClientProperties();
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<Map.Entry<String, String>> records = new ArrayList<>();
        try (var consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            consumer.partitionsFor(topic).forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp)) && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> {
                    if (r.value() != null) {
                        records.add(Map.entry(new String(r.key(), StandardCharsets.UTF_8),
                                new String(r.value(), StandardCharsets.UTF_8)));
                    }
                });
            }
        }
        return records;
    }

    private static String sha256Hex(String value) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
    }
}
