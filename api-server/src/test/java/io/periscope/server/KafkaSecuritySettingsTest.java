package io.periscope.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.periscope.server.config.ConfigReader;
import io.periscope.server.config.ConfigurationException;
import io.periscope.server.config.KafkaSettings;
import io.periscope.server.config.PeriscopeSettings;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The typed Kafka security keys become the right client properties; combinations that cannot work stop the start. */
class KafkaSecuritySettingsTest {
    private static final String MSK = "b-1.example.kafka.eu-west-1.amazonaws.com:9096";

    @TempDir
    Path dir;
    Path passwordFile;
    Path keystore;
    Path truststore;
    Path storePassword;

    @BeforeEach
    void files() throws Exception {
        passwordFile = Files.writeString(dir.resolve("password"), "s3cr\"et\\pass\n");
        keystore = Files.writeString(dir.resolve("client.p12"), "not read by the settings");
        truststore = Files.writeString(dir.resolve("ca.jks"), "not read by the settings");
        storePassword = Files.writeString(dir.resolve("store-password"), "changeit\n");
    }

    private static KafkaSettings read(Map<String, Object> values) {
        return PeriscopeSettings.read(new ConfigReader(new ConfigReader.Source() {
            @Override
            public Optional<Object> get(String key) {
                return Optional.ofNullable(values.get(key));
            }

            @Override
            public Map<String, String> under(String prefix) {
                Map<String, String> out = new HashMap<>();
                values.forEach((k, v) -> {
                    if (k.startsWith(prefix + ".")) {
                        out.put(k.substring(prefix.length() + 1), String.valueOf(v));
                    }
                });
                return out;
            }
        })).kafka();
    }

    private Map<String, Object> external(Object... keyValues) {
        Map<String, Object> values = new HashMap<>();
        values.put("periscope.kafka.bootstrap", MSK);
        for (int i = 0; i < keyValues.length; i += 2) {
            values.put((String) keyValues[i], keyValues[i + 1]);
        }
        return values;
    }

    @Test
    void scramOverTlsBecomesAScramLoginWithThePasswordReadFromItsFile() {
        Map<String, Object> props = read(external("periscope.kafka.security.protocol", "SASL_SSL",
                "periscope.kafka.sasl.mechanism", "SCRAM-SHA-512", "periscope.kafka.sasl.username", "periscope",
                "periscope.kafka.sasl.password-file", passwordFile.toString())).externalClientProperties();
        assertThat(props).containsEntry("bootstrap.servers", MSK).containsEntry("security.protocol", "SASL_SSL")
                .containsEntry("sasl.mechanism", "SCRAM-SHA-512")
                .containsEntry("sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required"
                        + " username=\"periscope\" password=\"s3cr\\\"et\\\\pass\";");
    }

    @Test
    void mutualTlsSetsTheKeystoreAndTruststoreWithTheirPasswordsFromFiles() {
        Map<String, Object> props = read(external("periscope.kafka.security.protocol", "SSL",
                "periscope.kafka.ssl.keystore-location", keystore.toString(), "periscope.kafka.ssl.keystore-type", "pkcs12",
                "periscope.kafka.ssl.keystore-password-file", storePassword.toString(),
                "periscope.kafka.ssl.truststore-location", truststore.toString(),
                "periscope.kafka.ssl.truststore-password-file", storePassword.toString())).externalClientProperties();
        assertThat(props).containsEntry("security.protocol", "SSL")
                .containsEntry("ssl.keystore.location", keystore.toString()).containsEntry("ssl.keystore.type", "PKCS12")
                .containsEntry("ssl.keystore.password", "changeit").containsEntry("ssl.key.password", "changeit")
                .containsEntry("ssl.truststore.location", truststore.toString())
                .containsEntry("ssl.truststore.password", "changeit")
                .doesNotContainKeys("sasl.mechanism", "sasl.jaas.config");
    }

    @Test
    void mskIamUsesTheIamLoginModuleAndCallbackHandler() throws Exception {
        Map<String, Object> props = read(external("periscope.kafka.security.protocol", "SASL_SSL",
                "periscope.kafka.sasl.mechanism", "AWS_MSK_IAM")).externalClientProperties();
        assertThat(props).containsEntry("security.protocol", "SASL_SSL").containsEntry("sasl.mechanism", "AWS_MSK_IAM")
                .containsEntry("sasl.jaas.config", "software.amazon.msk.auth.iam.IAMLoginModule required;")
                .containsEntry("sasl.client.callback.handler.class", "software.amazon.msk.auth.iam.IAMClientCallbackHandler");
        // the classes the Kafka client will load by name are on the server's class path
        Class.forName("software.amazon.msk.auth.iam.IAMClientCallbackHandler");
    }

    @Test
    void withoutSecurityKeysTheClusterIsReachedAsConfiguredByPassThroughKeys() {
        Map<String, Object> props = read(external("periscope.kafka.client.client.id", "sensor-1")).externalClientProperties();
        assertThat(props).containsEntry("client.id", "sensor-1").doesNotContainKeys("security.protocol", "sasl.jaas.config");
    }

    @Test
    void aCombinationThatCannotWorkIsRefusedNamingTheKeyToFix() {
        assertRefused(external("periscope.kafka.sasl.mechanism", "SCRAM-SHA-512"), "periscope.kafka.security.protocol");
        assertRefused(external("periscope.kafka.security.protocol", "SASL_SSL"), "periscope.kafka.sasl.mechanism");
        assertRefused(external("periscope.kafka.security.protocol", "SASL_PLAINTEXT", "periscope.kafka.sasl.mechanism", "PLAIN",
                "periscope.kafka.sasl.username", "u", "periscope.kafka.sasl.password-file", passwordFile.toString()),
                "periscope.kafka.security.protocol");
        assertRefused(external("periscope.kafka.security.protocol", "SASL_PLAINTEXT", "periscope.kafka.sasl.mechanism",
                "AWS_MSK_IAM"), "periscope.kafka.security.protocol");
        assertRefused(external("periscope.kafka.security.protocol", "SASL_SSL", "periscope.kafka.sasl.mechanism", "SCRAM-SHA-256",
                "periscope.kafka.sasl.password-file", passwordFile.toString()), "periscope.kafka.sasl.username");
        assertRefused(external("periscope.kafka.security.protocol", "SASL_SSL", "periscope.kafka.sasl.mechanism", "SCRAM-SHA-256",
                "periscope.kafka.sasl.username", "u", "periscope.kafka.sasl.password-file", dir.resolve("missing").toString()),
                "periscope.kafka.sasl.password-file");
        assertRefused(external("periscope.kafka.security.protocol", "SASL_SSL", "periscope.kafka.sasl.mechanism", "AWS_MSK_IAM",
                "periscope.kafka.sasl.username", "u"), "periscope.kafka.sasl.username");
        assertRefused(external("periscope.kafka.ssl.keystore-location", keystore.toString()), "periscope.kafka.ssl.keystore-location");
        assertRefused(external("periscope.kafka.security.protocol", "SSL", "periscope.kafka.ssl.keystore-password-file",
                storePassword.toString()), "periscope.kafka.ssl.keystore-password-file");
        assertRefused(external("periscope.kafka.security.protocol", "SSL", "periscope.kafka.client.ssl.keystore.password", "x"),
                "periscope.kafka.client.ssl.keystore.password");
        assertRefused(external("periscope.kafka.security.protocol", "TLS"), "periscope.kafka.security.protocol");
    }

    @Test
    void theEmbeddedBrokerRefusesExternalSecurityKeysAndNonLoopbackAddresses() {
        Map<String, Object> embedded = new HashMap<>(Map.of("periscope.kafka.sasl.mechanism", "PLAIN"));
        assertRefused(embedded, "periscope.kafka.sasl.mechanism");
        assertRefused(Map.of("periscope.kafka.client.sasl.jaas.config", "x"), "periscope.kafka.client.sasl.jaas.config");
        assertRefused(Map.of("periscope.kafka.embedded.host", "0.0.0.0"), "periscope.kafka.embedded.host");
        assertThat(read(Map.of("periscope.kafka.embedded.host", "::1")).embeddedHost()).isEqualTo("::1");
    }

    @Test
    void theServerCommandPrintsOneLineNamingTheKeyAndExitsWithStatusTwo() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream previous = System.err;
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        int status;
        try {
            status = Periscope.run(new String[] {"--periscope.kafka.bootstrap=" + MSK,
                "--periscope.kafka.security.protocol=SASL_PLAINTEXT", "--periscope.kafka.sasl.mechanism=AWS_MSK_IAM"});
        } finally {
            System.setErr(previous);
        }
        assertThat(status).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8).strip()).isEqualTo("periscope: invalid configuration:"
                + " periscope.kafka.security.protocol = \"SASL_PLAINTEXT\": must be SASL_SSL with AWS_MSK_IAM"
                + " (MSK serves IAM over TLS only)");
    }

    private static void assertRefused(Map<String, Object> values, String key) {
        assertThatThrownBy(() -> read(values)).isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith(key + " = ").hasMessageNotContaining("\n");
    }
}
