package io.periscope.discovery.catalog;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Stable ids: hex of the first 16 bytes of SHA-256 over newline-joined parts. */
public final class Ids {
    private Ids() {
    }

    public static String of(String... parts) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            for (String p : parts) {
                md.update(String.valueOf(p).getBytes(StandardCharsets.UTF_8));
                md.update((byte) '\n');
            }
            return HexFormat.of().formatHex(md.digest(), 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is mandatory in every JRE", e);
        }
    }

    /** The endpoint id: service, method and the template with parameter names blanked. */
    public static String endpoint(String serviceKey, String method, String normalizedTemplate) {
        return of("endpoint", serviceKey, method, normalizedTemplate);
    }
}
