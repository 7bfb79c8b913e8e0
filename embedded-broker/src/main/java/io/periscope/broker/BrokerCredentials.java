package io.periscope.broker;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.EnumSet;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.security.auth.SecurityProtocol;

/**
 * The one SASL/SCRAM identity of the embedded broker: every client of this install authenticates
 * with it, and the broker grants nothing to anyone else.
 *
 * <p>The password is drawn from {@link SecureRandom} at the first start and kept in a properties
 * file readable only by the service user (POSIX 0600). The file is written under a temporary name
 * created with those permissions and then moved into place, so it is never readable by others, not
 * even for a moment, and never seen half-written. A file that others can read is refused: its
 * password may have leaked.
 *
 * <p>{@link #toString()} never shows the password.
 */
public final class BrokerCredentials {
    /** File name inside the broker's log directory. */
    public static final String FILE_NAME = "client-credentials.properties";
    /** The SASL mechanism of the client listener. */
    public static final String MECHANISM = "SCRAM-SHA-512";
    static final String USERNAME = "periscope";

    private static final Set<PosixFilePermission> OWNER_ONLY = EnumSet.of(
            PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
    private static final int PASSWORD_BYTES = 32;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final String username;
    private final String password;

    private BrokerCredentials(String username, String password) {
        this.username = username;
        this.password = password;
    }

    /** Reads the credentials in {@code file}, creating them first when the file does not exist. */
    public static BrokerCredentials loadOrCreate(Path file) {
        if (!Files.exists(file)) {
            create(file);
        }
        return read(file);
    }

    /**
     * Reads existing credentials, as a process that talks to a running standalone broker does.
     *
     * @throws IllegalStateException when the file is missing, malformed, or readable by other users
     */
    public static BrokerCredentials read(Path file) {
        if (!Files.exists(file)) {
            throw new IllegalStateException("no Kafka credentials at " + file
                    + ": start the standalone server once (it creates them), or run as the user it runs as");
        }
        checkOwnerOnly(file);
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the Kafka credentials in " + file, e);
        }
        String user = p.getProperty("username", "");
        String secret = p.getProperty("password", "");
        if (!user.matches("[A-Za-z0-9._-]+") || !secret.matches("[A-Za-z0-9_-]{32,}")) {
            throw new IllegalStateException("the Kafka credentials in " + file
                    + " are malformed; delete the file only together with the broker data beside it");
        }
        return new BrokerCredentials(user, secret);
    }

    private static void create(Path file) {
        byte[] bytes = new byte[PASSWORD_BYTES];
        RANDOM.nextBytes(bytes);
        String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.deleteIfExists(tmp);
            if (posix(file.toAbsolutePath().getParent())) {
                Files.createFile(tmp, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
            } else {
                Files.createFile(tmp);
            }
            try (Writer out = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
                out.write("# SASL/SCRAM credentials of the embedded Kafka broker, created at first start.\n");
                out.write("# Clients of this install read them here; keep this file readable only by the service user.\n");
                out.write("username=" + USERNAME + "\n");
                out.write("password=" + secret + "\n");
            }
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileAlreadyExistsException e) {
            throw new IllegalStateException("another process is creating the Kafka credentials in " + file, e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the Kafka credentials in " + file, e);
        }
    }

    private static void checkOwnerOnly(Path file) {
        if (!posix(file)) {
            return;
        }
        try {
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
            if (!OWNER_ONLY.containsAll(permissions)) {
                throw new IllegalStateException("the Kafka credentials in " + file + " are readable by other users ("
                        + PosixFilePermissions.toString(permissions) + "); the password may have leaked: chmod 600 it,"
                        + " and consider it compromised");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot check the permissions of " + file, e);
        }
    }

    private static boolean posix(Path path) {
        return path.getFileSystem().supportedFileAttributeViews().contains("posix");
    }

    public String username() {
        return username;
    }

    /** The principal the broker's authorizer sees for these credentials. */
    public String principal() {
        return "User:" + username;
    }

    /** The {@code --add-scram} argument of storage formatting that registers these credentials. */
    String scramArgument() {
        return MECHANISM + "=[name=" + username + ",password=" + password + "]";
    }

    /** JAAS configuration of a SCRAM client logging in with these credentials. */
    String scramJaas() {
        return "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"" + username
                + "\" password=\"" + password + "\";";
    }

    /**
     * JAAS configuration of the controller listener (PLAIN: SCRAM credentials live in the metadata log
     * the controller itself serves, so KRaft does not offer SCRAM there). It both accepts these
     * credentials ({@code user_NAME}) and logs in with them.
     */
    String plainServerJaas() {
        return "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"" + username
                + "\" password=\"" + password + "\" user_" + username + "=\"" + password + "\";";
    }

    /** JAAS configuration of a PLAIN client of the controller listener. */
    String plainClientJaas() {
        return "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"" + username
                + "\" password=\"" + password + "\";";
    }

    String password() {
        return password;
    }

    /** Client properties that authenticate with these credentials (bootstrap servers not included). */
    public Map<String, Object> clientProperties() {
        return Map.of(
                CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, SecurityProtocol.SASL_PLAINTEXT.name,
                SaslConfigs.SASL_MECHANISM, MECHANISM,
                SaslConfigs.SASL_JAAS_CONFIG, scramJaas());
    }

    @Override
    public String toString() {
        return "BrokerCredentials[" + username + ", password hidden]";
    }
}
