package io.periscope.server.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * How this process authenticates to an external Kafka cluster (keys {@code periscope.kafka.security.protocol},
 * {@code periscope.kafka.sasl.*}, {@code periscope.kafka.ssl.*}): SASL/SCRAM, mutual TLS, or IAM on
 * Amazon MSK. The embedded broker needs none of it: it creates and uses its own credentials.
 *
 * <p>Secrets are never configuration values: only the paths of files holding them are, so they do
 * not end up in environment listings, command lines or logs. The files are read when the Kafka
 * clients are configured.
 *
 * @param protocol             security protocol; {@code null} when none is set (Kafka's PLAINTEXT)
 * @param saslMechanism        SASL mechanism, or {@code null}
 * @param saslUsername         SCRAM/PLAIN user name, or {@code null}
 * @param saslPasswordFile     file holding the SCRAM/PLAIN password, or {@code null}
 * @param keystoreLocation     client certificate and key for mutual TLS, or {@code null}
 * @param keystoreType         JKS, PKCS12 or PEM, or {@code null} (Kafka's default)
 * @param keystorePasswordFile file holding the keystore (and key) password, or {@code null}
 * @param truststoreLocation   trust store of the brokers' CA, or {@code null} (the JDK's)
 * @param truststoreType       JKS, PKCS12 or PEM, or {@code null}
 * @param truststorePasswordFile file holding the trust store password, or {@code null}
 */
public record KafkaSecurity(Protocol protocol, Mechanism saslMechanism, String saslUsername, Path saslPasswordFile,
                            Path keystoreLocation, String keystoreType, Path keystorePasswordFile,
                            Path truststoreLocation, String truststoreType, Path truststorePasswordFile) {

    /** Kafka's {@code security.protocol} values. */
    public enum Protocol { PLAINTEXT, SSL, SASL_PLAINTEXT, SASL_SSL;

        boolean sasl() {
            return this == SASL_PLAINTEXT || this == SASL_SSL;
        }

        boolean tls() {
            return this == SSL || this == SASL_SSL;
        }
    }

    /** The SASL mechanisms Periscope configures; {@code AWS_MSK_IAM} is IAM access control on Amazon MSK. */
    public enum Mechanism {
        SCRAM_SHA_512("SCRAM-SHA-512"), SCRAM_SHA_256("SCRAM-SHA-256"), PLAIN("PLAIN"), AWS_MSK_IAM("AWS_MSK_IAM");

        private final String kafkaName;

        Mechanism(String kafkaName) {
            this.kafkaName = kafkaName;
        }

        boolean usesPassword() {
            return this != AWS_MSK_IAM;
        }
    }

    static final String PROTOCOL = "periscope.kafka.security.protocol";
    static final String MECHANISM = "periscope.kafka.sasl.mechanism";
    static final String USERNAME = "periscope.kafka.sasl.username";
    static final String PASSWORD_FILE = "periscope.kafka.sasl.password-file";
    static final String KEYSTORE = "periscope.kafka.ssl.keystore-location";
    static final String KEYSTORE_TYPE = "periscope.kafka.ssl.keystore-type";
    static final String KEYSTORE_PASSWORD_FILE = "periscope.kafka.ssl.keystore-password-file";
    static final String TRUSTSTORE = "periscope.kafka.ssl.truststore-location";
    static final String TRUSTSTORE_TYPE = "periscope.kafka.ssl.truststore-type";
    static final String TRUSTSTORE_PASSWORD_FILE = "periscope.kafka.ssl.truststore-password-file";

    private static final List<String> KEYS = List.of(PROTOCOL, MECHANISM, USERNAME, PASSWORD_FILE, KEYSTORE, KEYSTORE_TYPE,
            KEYSTORE_PASSWORD_FILE, TRUSTSTORE, TRUSTSTORE_TYPE, TRUSTSTORE_PASSWORD_FILE);
    private static final Set<String> STORE_TYPES = Set.of("JKS", "PKCS12", "PEM");
    /** Client properties the typed keys own; setting them under periscope.kafka.client too would be ambiguous. */
    private static final Set<String> OWNED = Set.of("security.protocol", "sasl.mechanism", "sasl.jaas.config",
            "sasl.client.callback.handler.class", "ssl.keystore.location", "ssl.keystore.type", "ssl.keystore.password",
            "ssl.key.password", "ssl.truststore.location", "ssl.truststore.type", "ssl.truststore.password");
    private static final String MSK_IAM_LOGIN_MODULE = "software.amazon.msk.auth.iam.IAMLoginModule";
    private static final String MSK_IAM_CALLBACK = "software.amazon.msk.auth.iam.IAMClientCallbackHandler";

    /**
     * Reads and validates the security keys; a combination that cannot work is refused with the key to fix.
     *
     * @param embedded         whether this process runs the embedded broker (then no security key may be set)
     * @param clientProperties the {@code periscope.kafka.client.*} pass-through properties
     */
    static KafkaSecurity read(ConfigReader config, boolean embedded, Map<String, String> clientProperties) {
        if (embedded) {
            for (String key : KEYS) {
                String value = config.string(key, "");
                if (!value.isEmpty()) {
                    throw new ConfigurationException(key, value, "applies to an external cluster only (set periscope.kafka.bootstrap);"
                            + " the embedded broker creates its own credentials");
                }
            }
            refuseOwned(clientProperties, "the embedded broker sets its own security; remove this key");
            return none();
        }
        Protocol protocol = config.enumValue(PROTOCOL, Protocol.class, null);
        Mechanism mechanism = config.enumValue(MECHANISM, Mechanism.class, null);
        KafkaSecurity security = new KafkaSecurity(protocol, mechanism, blankToNull(config.string(USERNAME, "")),
                file(config, PASSWORD_FILE), file(config, KEYSTORE), storeType(config, KEYSTORE_TYPE),
                file(config, KEYSTORE_PASSWORD_FILE), file(config, TRUSTSTORE), storeType(config, TRUSTSTORE_TYPE),
                file(config, TRUSTSTORE_PASSWORD_FILE));
        security.validate(clientProperties);
        return security;
    }

    /** Refuses a pass-through client property that the typed keys (or the embedded broker) own. */
    private static void refuseOwned(Map<String, String> clientProperties, String why) {
        for (String owned : OWNED) {
            if (clientProperties.containsKey(owned)) {
                throw new ConfigurationException("periscope.kafka.client." + owned, clientProperties.get(owned), why);
            }
        }
    }

    /** No security settings: the embedded broker, or a cluster configured only through pass-through keys. */
    public static KafkaSecurity none() {
        return new KafkaSecurity(null, null, null, null, null, null, null, null, null, null);
    }

    private void validate(Map<String, String> clientProperties) {
        boolean typed = protocol != null || saslMechanism != null || saslUsername != null || saslPasswordFile != null
                || keystoreLocation != null || truststoreLocation != null;
        if (typed) {
            refuseOwned(clientProperties,
                    "conflicts with the periscope.kafka.security.protocol/sasl.*/ssl.* keys; use one or the other");
        }
        Protocol effective = protocol == null ? Protocol.PLAINTEXT : protocol;
        if (saslMechanism != null && !effective.sasl()) {
            throw new ConfigurationException(PROTOCOL, effective, "must be SASL_SSL or SASL_PLAINTEXT when "
                    + MECHANISM + " is set");
        }
        if (effective.sasl() && saslMechanism == null) {
            throw new ConfigurationException(MECHANISM, "", "expected one of SCRAM-SHA-512, SCRAM-SHA-256, PLAIN, AWS_MSK_IAM"
                    + " with security protocol " + effective);
        }
        if (saslMechanism == Mechanism.PLAIN && effective != Protocol.SASL_SSL) {
            throw new ConfigurationException(PROTOCOL, effective, "must be SASL_SSL with PLAIN, which sends the password as it is");
        }
        if (saslMechanism == Mechanism.AWS_MSK_IAM && effective != Protocol.SASL_SSL) {
            throw new ConfigurationException(PROTOCOL, effective, "must be SASL_SSL with AWS_MSK_IAM (MSK serves IAM over TLS only)");
        }
        if (saslMechanism == Mechanism.AWS_MSK_IAM && !onClassPath(MSK_IAM_LOGIN_MODULE)) {
            throw new ConfigurationException(MECHANISM, "AWS_MSK_IAM", "needs software.amazon.msk:aws-msk-iam-auth on the class path");
        }
        boolean password = saslMechanism != null && saslMechanism.usesPassword();
        requireIff(USERNAME, saslUsername, password);
        requireIff(PASSWORD_FILE, saslPasswordFile, password);
        if (!effective.tls()) {
            requireAbsent(KEYSTORE, keystoreLocation, "needs " + PROTOCOL + " SSL or SASL_SSL");
            requireAbsent(TRUSTSTORE, truststoreLocation, "needs " + PROTOCOL + " SSL or SASL_SSL");
        }
        if (keystoreLocation == null) {
            requireAbsent(KEYSTORE_TYPE, keystoreType, "needs " + KEYSTORE);
            requireAbsent(KEYSTORE_PASSWORD_FILE, keystorePasswordFile, "needs " + KEYSTORE);
        }
        if (truststoreLocation == null) {
            requireAbsent(TRUSTSTORE_TYPE, truststoreType, "needs " + TRUSTSTORE);
            requireAbsent(TRUSTSTORE_PASSWORD_FILE, truststorePasswordFile, "needs " + TRUSTSTORE);
        }
    }

    private static void requireAbsent(String key, Object value, String expected) {
        if (value != null) {
            throw new ConfigurationException(key, value, expected);
        }
    }

    /** A value that is needed exactly when {@code needed}: missing or superfluous both refuse the start. */
    private static void requireIff(String key, Object value, boolean needed) {
        if (needed && value == null) {
            throw new ConfigurationException(key, "", "required by the configured SASL mechanism");
        }
        if (!needed && value != null) {
            throw new ConfigurationException(key, value, "not used by the configured security settings; remove it");
        }
    }

    /** The Kafka client properties these settings stand for, reading the secret files now. */
    public Map<String, Object> clientProperties() {
        Map<String, Object> p = new HashMap<>();
        if (protocol != null) {
            p.put("security.protocol", protocol.name());
        }
        if (saslMechanism != null) {
            p.put("sasl.mechanism", saslMechanism.kafkaName);
            if (saslMechanism == Mechanism.AWS_MSK_IAM) {
                p.put("sasl.jaas.config", MSK_IAM_LOGIN_MODULE + " required;");
                p.put("sasl.client.callback.handler.class", MSK_IAM_CALLBACK);
            } else {
                String module = saslMechanism == Mechanism.PLAIN
                        ? "org.apache.kafka.common.security.plain.PlainLoginModule"
                        : "org.apache.kafka.common.security.scram.ScramLoginModule";
                p.put("sasl.jaas.config", module + " required username=\"" + jaasQuoted(saslUsername)
                        + "\" password=\"" + jaasQuoted(secret(PASSWORD_FILE, saslPasswordFile)) + "\";");
            }
        }
        if (keystoreLocation != null) {
            p.put("ssl.keystore.location", keystoreLocation.toString());
            putIfSet(p, "ssl.keystore.type", keystoreType);
            if (keystorePasswordFile != null) {
                String password = secret(KEYSTORE_PASSWORD_FILE, keystorePasswordFile);
                p.put("ssl.keystore.password", password);
                p.put("ssl.key.password", password);
            }
        }
        if (truststoreLocation != null) {
            p.put("ssl.truststore.location", truststoreLocation.toString());
            putIfSet(p, "ssl.truststore.type", truststoreType);
            if (truststorePasswordFile != null) {
                p.put("ssl.truststore.password", secret(TRUSTSTORE_PASSWORD_FILE, truststorePasswordFile));
            }
        }
        return p;
    }

    private static void putIfSet(Map<String, Object> p, String key, String value) {
        if (value != null) {
            p.put(key, value);
        }
    }

    /** JAAS values are double-quoted; a quote or backslash in them is escaped, not a way to add options. */
    private static String jaasQuoted(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"");
    }

    private static String secret(String key, Path file) {
        try {
            String value = Files.readString(file, StandardCharsets.UTF_8).strip();
            if (value.isEmpty()) {
                throw new ConfigurationException(key, file, "the file is empty");
            }
            return value;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + key + " " + file, e);
        }
    }

    private static Path file(ConfigReader config, String key) {
        String raw = config.string(key, "");
        if (raw.isEmpty()) {
            return null;
        }
        try {
            Path path = Path.of(raw);
            if (!Files.isRegularFile(path) || !Files.isReadable(path)) {
                throw new ConfigurationException(key, raw, "expected a readable file");
            }
            return path;
        } catch (InvalidPathException e) {
            throw new ConfigurationException(key, raw, "expected a file path");
        }
    }

    private static String storeType(ConfigReader config, String key) {
        String raw = config.string(key, "").toUpperCase(Locale.ROOT);
        if (raw.isEmpty()) {
            return null;
        }
        if (!STORE_TYPES.contains(raw)) {
            throw new ConfigurationException(key, raw, "expected JKS, PKCS12 or PEM");
        }
        return raw;
    }

    private static String blankToNull(String value) {
        return value.isEmpty() ? null : value;
    }

    private static boolean onClassPath(String className) {
        try {
            Class.forName(className, false, KafkaSecurity.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }
}
