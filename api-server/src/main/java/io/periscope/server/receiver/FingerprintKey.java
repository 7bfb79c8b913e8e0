package io.periscope.server.receiver;

import io.periscope.server.config.ConfigurationException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The per-install secret that keys credential fingerprints (HMAC-SHA256). Every receiver of one
 * deployment must use the same key, or one token would show up as several principals.
 *
 * <p>Taken from {@code periscope.fingerprint-secret} (env PERISCOPE_FINGERPRINT_SECRET) when set,
 * else from {@code <data-dir>/fingerprint.key}, created with 32 random bytes (owner-only) on first start.
 */
public final class FingerprintKey {
    static final String FILE = "fingerprint.key";
    private static final int MIN_LENGTH = 32;

    private FingerprintKey() {
    }

    public static byte[] load(String configured, Path dataDir) {
        if (configured != null && !configured.isEmpty()) {
            if (configured.length() < MIN_LENGTH) {
                throw new ConfigurationException("periscope.fingerprint-secret", "<" + configured.length() + " characters>",
                        "expected at least " + MIN_LENGTH + " characters (e.g. openssl rand -base64 32)");
            }
            return configured.getBytes(StandardCharsets.UTF_8);
        }
        Path file = dataDir.resolve(FILE);
        try {
            if (!Files.exists(file)) {
                create(file);
            }
            byte[] key = Base64.getDecoder().decode(Files.readString(file, StandardCharsets.US_ASCII).trim());
            if (key.length < MIN_LENGTH) {
                throw new IllegalStateException(file + " holds a key shorter than " + MIN_LENGTH + " bytes");
            }
            return key;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the fingerprint key " + file, e);
        }
    }

    private static void create(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        byte[] key = new byte[MIN_LENGTH];
        new SecureRandom().nextBytes(key);
        String encoded = Base64.getEncoder().encodeToString(key) + "\n";
        try {
            Files.writeString(file, encoded, StandardCharsets.US_ASCII, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        } catch (FileAlreadyExistsException e) {
            return; // another process of this install created it first: use theirs
        }
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: the directory's permissions protect it
        }
    }
}
