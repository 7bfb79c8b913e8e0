package io.periscope.detection.signature;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.UUID;

/**
 * Benign parameter values of ordinary REST traffic: the hand-written list in {@code signature/benign-values.txt}
 * (prose with SQL and HTML words, quotes, operators, encodings) and values generated from a fixed seed (JSON
 * documents, JWTs, base64, UUIDs, e-mail addresses, long search strings, numbers, dates).
 */
final class BenignValues {

    private static final String[] WORDS = {"select", "plan", "order", "union", "table", "drop", "shoes", "red",
        "size", "and", "or", "not", "where", "from", "team", "update", "delete", "script", "alert", "on", "load",
        "image", "error", "price", "cheap", "best", "review", "it's", "O'Brien", "<b>", "sleep", "user",
        "version", "like", "in", "between", "null", "true", "char", "count", "match", "to", "the", "a", "of"};

    private BenignValues() {
    }

    static List<String> all() {
        List<String> values = new ArrayList<>(handWritten());
        values.addAll(generated(2000, new Random(14)));
        return values;
    }

    static List<String> handWritten() {
        try (InputStream in = BenignValues.class.getResourceAsStream("/signature/benign-values.txt")) {
            List<String> values = new ArrayList<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (!line.isEmpty() && !line.startsWith("# ")) {
                    values.add(line);
                }
            }
            return values;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<String> generated(int perKind, Random random) {
        List<String> values = new ArrayList<>();
        Base64.Encoder b64 = Base64.getEncoder();
        Base64.Encoder b64url = Base64.getUrlEncoder().withoutPadding();
        for (int i = 0; i < perKind; i++) {
            byte[] bytes = new byte[8 + random.nextInt(48)];
            random.nextBytes(bytes);
            values.add(b64.encodeToString(bytes));
            String header = b64url.encodeToString("{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
            String claims = b64url.encodeToString(("{\"sub\":\"user-" + random.nextInt(100000) + "\",\"scope\":\"read write\",\"iat\":"
                    + (1700000000 + random.nextInt(1000000)) + "}").getBytes(StandardCharsets.UTF_8));
            values.add(header + "." + claims + "." + b64url.encodeToString(bytes));
            values.add(new UUID(random.nextLong(), random.nextLong()).toString());
            values.add(words(random, 1, 2) .replace(' ', '.') + random.nextInt(1000) + "@" + words(random, 1, 1) + ".example.com");
            values.add(words(random, 3, 14));
            values.add("{\"q\":\"" + words(random, 1, 6).replace("\"", "\\\"") + "\",\"page\":" + random.nextInt(50)
                    + ",\"filters\":{\"min\":" + random.nextInt(100) + ",\"tags\":[\"" + words(random, 1, 1) + "\"]}}");
            values.add(Integer.toString(random.nextInt()));
            values.add(String.format("%04d-%02d-%02dT%02d:%02d:%02dZ", 2000 + random.nextInt(30), 1 + random.nextInt(12),
                    1 + random.nextInt(28), random.nextInt(24), random.nextInt(60), random.nextInt(60)));
        }
        return values;
    }

    private static String words(Random random, int min, int max) {
        int count = min + random.nextInt(max - min + 1);
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < count; i++) {
            if (i > 0) {
                out.append(' ');
            }
            out.append(WORDS[random.nextInt(WORDS.length)]);
        }
        return out.toString();
    }
}
