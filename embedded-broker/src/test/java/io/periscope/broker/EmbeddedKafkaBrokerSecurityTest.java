package io.periscope.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded broker lets in the install's own clients and nobody else. */
class EmbeddedKafkaBrokerSecurityTest {
    private static final String TOPIC = "guarded";

    @TempDir
    static Path dataDir;
    static EmbeddedKafkaBroker broker;

    @BeforeAll
    static void start() throws Exception {
        broker = EmbeddedKafkaBroker.start(dataDir, "127.0.0.1", 0);
        try (Admin admin = Admin.create(broker.clientProperties())) {
            admin.createTopics(List.of(new NewTopic(TOPIC, 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
    }

    @AfterAll
    static void stop() {
        broker.close();
    }

    @Test
    void aClientWithTheWrongPasswordIsRefusedWithAnAuthenticationError() {
        Map<String, Object> props = broker.clientProperties();
        props.put(SaslConfigs.SASL_JAAS_CONFIG, "org.apache.kafka.common.security.scram.ScramLoginModule required"
                + " username=\"periscope\" password=\"not-the-password\";");
        try (Admin admin = Admin.create(props)) {
            assertThatThrownBy(() -> admin.listTopics().names().get(30, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class).hasCauseInstanceOf(SaslAuthenticationException.class);
        }
    }

    @Test
    void aClientWithoutSaslGetsNothingFromTheBroker() {
        Map<String, Object> props = new HashMap<>();
        props.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 3000);
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2000);
        try (Admin admin = Admin.create(props)) {
            assertThatThrownBy(() -> admin.listTopics().names().get(30, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class);
        }
    }

    @Test
    void anotherAuthenticatedPrincipalIsDeniedByDefault() throws Exception {
        String password = "another-principal-password-0123456789";
        try (Admin admin = Admin.create(broker.clientProperties())) {
            admin.alterUserScramCredentials(List.of(new UserScramCredentialUpsertion("intruder",
                    new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, 4096), password))).all().get(30, TimeUnit.SECONDS);
        }
        Map<String, Object> props = broker.clientProperties();
        props.put(SaslConfigs.SASL_JAAS_CONFIG, "org.apache.kafka.common.security.scram.ScramLoginModule required"
                + " username=\"intruder\" password=\"" + password + "\";");
        try (Admin admin = awaitAuthenticated(props)) {
            assertThat(admin.listTopics().names().get(30, TimeUnit.SECONDS)).doesNotContain(TOPIC);
            assertThatThrownBy(() -> admin.describeTopics(List.of(TOPIC)).allTopicNames().get(30, TimeUnit.SECONDS))
                    .hasCauseInstanceOf(TopicAuthorizationException.class);
        }
    }

    @Test
    void theCredentialsFileIsReadableByTheOwnerOnly() throws Exception {
        Path file = EmbeddedKafkaBroker.credentialsFile(dataDir);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(BrokerCredentials.read(file).toString()).doesNotContain(Files.readString(file).lines()
                .filter(l -> l.startsWith("password=")).findFirst().orElseThrow().substring("password=".length()));
    }

    @Test
    void aNonLoopbackAddressIsRefused(@TempDir Path other) {
        assertThatThrownBy(() -> EmbeddedKafkaBroker.start(other, "0.0.0.0", 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("loopback");
    }

    @Test
    void deletingTheCredentialsFileOfAnExistingStoreRotatesThePasswordAndTheOldOneStopsWorking(@TempDir Path store)
            throws Exception {
        Map<String, Object> before;
        try (EmbeddedKafkaBroker first = EmbeddedKafkaBroker.start(store, "127.0.0.1", 0)) {
            before = first.clientProperties();
        }
        String oldJaas = (String) before.get(SaslConfigs.SASL_JAAS_CONFIG);
        Files.delete(EmbeddedKafkaBroker.credentialsFile(store));
        try (EmbeddedKafkaBroker second = EmbeddedKafkaBroker.start(store, "127.0.0.1", 0)) {
            assertThat(second.clientProperties().get(SaslConfigs.SASL_JAAS_CONFIG)).isNotEqualTo(oldJaas);
            try (Admin admin = Admin.create(second.clientProperties())) {
                assertThat(admin.describeCluster().clusterId().get(30, TimeUnit.SECONDS)).isNotBlank();
            }
            Map<String, Object> stale = second.clientProperties();
            stale.put(SaslConfigs.SASL_JAAS_CONFIG, oldJaas);
            try (Admin admin = Admin.create(stale)) {
                assertThatThrownBy(() -> admin.listTopics().names().get(30, TimeUnit.SECONDS))
                        .hasCauseInstanceOf(SaslAuthenticationException.class);
            }
        }
    }

    /** The new credential reaches the broker's metadata shortly after the controller accepts it. */
    private static Admin awaitAuthenticated(Map<String, Object> props) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            Admin admin = Admin.create(props);
            try {
                admin.describeCluster().clusterId().get(10, TimeUnit.SECONDS);
                return admin;
            } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
                admin.close();
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("the new principal never authenticated", e);
                }
            }
        }
    }
}
