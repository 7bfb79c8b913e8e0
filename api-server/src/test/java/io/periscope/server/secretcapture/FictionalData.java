package io.periscope.server.secretcapture;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.time.LocalDate;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Fictional but well-formed secrets and personal data, each value distinct: card numbers and IBANs are
 * the issuers' and registries' published test values, phone numbers are in the 555-01xx range reserved
 * for fiction, e-mail addresses are at example.com, keys and tokens are random and trusted by nothing.
 */
final class FictionalData {
    /** Luhn-valid test card numbers published by card networks and payment providers. */
    static final List<String> TEST_CARDS = List.of("4111111111111111", "5555555555554444", "4012888888881881",
            "5105105105105100", "378282246310005", "6011111111111117", "4242424242424242", "371449635398431");
    /** Mod-97-valid example IBANs from national registries' documentation. */
    static final List<String> EXAMPLE_IBANS = List.of("DE89370400440532013000", "GB82WEST12345698765432",
            "FR1420041010050500013M02606", "NL91ABNA0417164300", "ES9121000418450200051332",
            "IT60X0542811101000000123456", "BE68539007547034", "CH9300762011623852957");
    static final List<String> AREA_CODES = List.of("202", "212", "312", "415", "617", "646", "718", "503");

    private static final String ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private static final String BCRYPT = "./ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private static final String BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    private static final String BASE64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    private static final byte[] JWT_KEY = "lighthouse-pay-fictional-signing-key".getBytes(StandardCharsets.US_ASCII);
    private static final long ISSUED_AT = 1_767_225_600L; // 2026-01-01T00:00:00Z

    private final Random random;

    FictionalData(long seed) {
        this.random = new Random(seed);
    }

    String chars(String alphabet, int n) {
        StringBuilder b = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            b.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return b.toString();
    }

    String alnum(int n) {
        return chars(ALNUM, n);
    }

    String hex(int n) {
        return chars("0123456789abcdef", n);
    }

    String password() {
        return "Lh!" + alnum(5) + "-" + alnum(6);
    }

    String bcryptHash() {
        return "$2b$12$" + chars(BCRYPT, 53);
    }

    String awsAccessKeyId() {
        return "AKIA" + chars(BASE32, 16);
    }

    String awsSecretKey() {
        return chars(BASE64, 40);
    }

    /** An STS session token: the real ones start with the same bytes. */
    String awsSessionToken() {
        return "IQoJb3JpZ2luX2VjE" + chars(BASE64, 320);
    }

    String ssn() {
        int area = 1 + random.nextInt(665);
        return String.format("%03d-%02d-%04d", area == 666 ? 667 : area, 1 + random.nextInt(99), 1 + random.nextInt(9999));
    }

    String dateOfBirth() {
        return LocalDate.of(1950 + random.nextInt(50), 1 + random.nextInt(12), 1 + random.nextInt(28)).toString();
    }

    String phone(int index) {
        return "+1-" + AREA_CODES.get(index % AREA_CODES.size()) + "-555-01" + String.format("%02d", 10 + index);
    }

    /** An HS256 JWT for {@code subject} with a random id, so every token is distinct. */
    String jwt(String subject, String audience) {
        String claims = "{\"iss\":\"https://auth.lighthouse-pay.example\",\"sub\":\"" + subject + "\",\"aud\":\"" + audience
                + "\",\"iat\":" + ISSUED_AT + ",\"exp\":" + (ISSUED_AT + 900) + ",\"jti\":\"" + hex(16) + "\"}";
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String signingInput = b64.encodeToString("{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + b64.encodeToString(claims.getBytes(StandardCharsets.UTF_8));
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(JWT_KEY, "HmacSHA256"));
            return signingInput + "." + b64.encodeToString(mac.doFinal(signingInput.getBytes(StandardCharsets.US_ASCII)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    /** A freshly generated RSA private key (trusted by nothing) in PKCS#8 PEM. */
    static String privateKeyPem() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                    .encodeToString(generator.generateKeyPair().getPrivate().getEncoded());
            return "-----BEGIN PRIVATE KEY-----\n" + body + "\n-----END PRIVATE KEY-----\n";
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("RSA is part of every JDK", e);
        }
    }
}
