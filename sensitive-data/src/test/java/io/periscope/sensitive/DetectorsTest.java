package io.periscope.sensitive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.periscope.events.catalog.ParameterLocation;
import java.util.Base64;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class DetectorsTest {
    private static boolean reported(Detector d, String field, String value) {
        return d.confidence(FieldName.of(field), value) >= Detector.REPORT_THRESHOLD;
    }

    @Test
    void emailNeedsAStructurallyValidAddress() {
        EmailDetector d = new EmailDetector();
        assertThat(reported(d, "contact", "jane.doe@example.org")).isTrue();
        assertThat(reported(d, "contact", "j+tag@mail.example.co.uk")).isTrue();
        assertThat(reported(d, "contact", "not-an-email")).isFalse();
        assertThat(reported(d, "contact", "a@b")).isFalse();
        assertThat(reported(d, "contact", "user@@example.org")).isFalse();
        assertThat(reported(d, "contact", "user@example.c0m")).isFalse();
        assertThat(d.mask("jane.doe@example.org")).isEqualTo("j***@example.org");
    }

    @Test
    void internationalPhoneNumbersCountButOrderNumbersDoNot() {
        PhoneDetector d = new PhoneDetector("US");
        assertThat(reported(d, "contact", "+14155552671")).isTrue();
        assertThat(reported(d, "mobilePhone", "415-867-5309")).isTrue();
        assertThat(reported(d, "orderNumber", "4158675309")).isFalse();
        assertThat(reported(d, "orderId", "+14155552671")).isFalse();
        assertThat(reported(d, "phone", "12345")).isFalse();
        assertThat(reported(d, "phone", "+1 000 000 0000")).isFalse();
        assertThat(d.mask("+14155552671")).isEqualTo("+*********71");
    }

    @Test
    void paymentCardNeedsLuhnAndAKnownIssuerRange() {
        PaymentCardDetector d = new PaymentCardDetector();
        assertThat(reported(d, "card", "4111111111111111")).isTrue();
        assertThat(reported(d, "pan", "4111 1111 1111 1111")).isTrue();
        assertThat(reported(d, "x", "5555-5555-5555-4444")).isTrue();
        assertThat(reported(d, "x", "378282246310005")).isTrue();
        assertThat(reported(d, "x", "4111111111111112")).as("fails Luhn").isFalse();
        assertThat(reported(d, "x", "1234567812345670")).as("Luhn-valid, no issuer starts with 1").isFalse();
        assertThat(reported(d, "x", "4111 1111-1111 1111")).as("mixed separators").isFalse();
        assertThat(reported(d, "trackingNumber", "4111111111111111")).as("identifier field name").isFalse();
        assertThat(d.mask("4111 1111 1111 1111")).isEqualTo("4111 **** **** 1111");
    }

    @Test
    void randomSixteenDigitNumbersFailingLuhnAreNeverCards() {
        PaymentCardDetector d = new PaymentCardDetector();
        java.util.Random r = new java.util.Random(42);
        int tested = 0;
        while (tested < 500) {
            StringBuilder sb = new StringBuilder("4");
            for (int i = 0; i < 15; i++) {
                sb.append(r.nextInt(10));
            }
            if (!PaymentCardDetector.luhn(sb.toString())) {
                tested++;
                assertThat(reported(d, "card", sb.toString())).isFalse();
            }
        }
    }

    @Test
    void ssnFollowsAreaGroupAndSerialRules() {
        SsnDetector d = new SsnDetector();
        assertThat(reported(d, "x", "123-45-6789")).isTrue();
        assertThat(reported(d, "ssn", "123456789")).isTrue();
        assertThat(reported(d, "zip", "123456789")).as("bare digits need an SSN field name").isFalse();
        assertThat(reported(d, "x", "000-45-6789")).isFalse();
        assertThat(reported(d, "x", "666-45-6789")).isFalse();
        assertThat(reported(d, "x", "912-45-6789")).isFalse();
        assertThat(reported(d, "x", "123-00-6789")).isFalse();
        assertThat(reported(d, "x", "123-45-0000")).isFalse();
        assertThat(reported(d, "x", "078-05-1120")).isFalse();
        assertThat(d.mask("123-45-6789")).isEqualTo("***-**-6789");
    }

    @Test
    void ibanNeedsCountryLengthAndMod97() {
        IbanDetector d = new IbanDetector();
        assertThat(reported(d, "x", "DE89370400440532013000")).isTrue();
        assertThat(reported(d, "x", "GB82 WEST 1234 5698 7654 32")).isTrue();
        assertThat(reported(d, "x", "DE89370400440532013001")).as("bad check").isFalse();
        assertThat(reported(d, "x", "XX89370400440532013000")).as("unknown country").isFalse();
        assertThat(reported(d, "x", "DE8937040044053201300")).as("wrong length").isFalse();
        assertThat(d.mask("DE89370400440532013000")).isEqualTo("DE89 **** **** 3000");
    }

    private static String b64(String s) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void jwtNeedsADecodableHeaderWithAlg() {
        JwtDetector d = new JwtDetector();
        String jwt = b64("{\"alg\":\"HS256\",\"typ\":\"JWT\"}") + "." + b64("{\"sub\":\"42\",\"exp\":1900000000}") + ".c2ln";
        assertThat(reported(d, "token", jwt)).isTrue();
        assertThat(JwtInspector.inspect(jwt)).hasValue(new JwtInspector.JwtFacts("HS256", true));
        String none = b64("{\"alg\":\"none\"}") + "." + b64("{\"sub\":\"42\"}") + ".";
        assertThat(JwtInspector.inspect(none)).hasValue(new JwtInspector.JwtFacts("none", false));
        assertThat(reported(d, "token", "eyJhbGciOi.not-base64!.x")).isFalse();
        assertThat(reported(d, "token", b64("{\"foo\":1}") + "." + b64("{}") + ".x")).as("no alg").isFalse();
        assertThat(d.mask(jwt)).startsWith("[jwt alg=HS256").doesNotContain(jwt.substring(0, 20));
    }

    @Test
    void awsAccessKeyIdsAndSecretKeys() {
        AwsAccessKeyDetector id = new AwsAccessKeyDetector();
        assertThat(reported(id, "x", "AKIAIOSFODNN7EXAMPLE")).isTrue();
        assertThat(reported(id, "x", "AKIAIOSFODNN7EXAMPL1")).as("1 is not base32").isFalse();
        assertThat(reported(id, "x", "XKIAIOSFODNN7EXAMPLE")).isFalse();
        AwsSecretKeyDetector secret = new AwsSecretKeyDetector();
        String key = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
        assertThat(reported(secret, "aws_secret_access_key", key)).isTrue();
        assertThat(reported(secret, "checksum", key)).as("shape alone is not enough").isFalse();
    }

    @Test
    void secretKeyShapeCountsNextToAnAccessKeyId() {
        SensitiveScanner scanner = SensitiveScanner.withDefaults("US", List.of());
        SensitiveScanner.MessageScan scan = scanner.begin();
        scan.field(ParameterLocation.REQUEST_BODY, "$.a", "AKIAIOSFODNN7EXAMPLE");
        scan.field(ParameterLocation.REQUEST_BODY, "$.b", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY");
        assertThat(scan.finish()).extracting(SensitiveHit::type).containsExactlyInAnyOrder("aws_access_key_id", "aws_secret_key");

        SensitiveScanner.MessageScan alone = scanner.begin();
        alone.field(ParameterLocation.REQUEST_BODY, "$.b", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY");
        assertThat(alone.finish()).isEmpty();
    }

    @Test
    void cardExpiryOnlyCountsNextToAValidCard() {
        SensitiveScanner scanner = SensitiveScanner.withDefaults("US", List.of());
        SensitiveScanner.MessageScan withCard = scanner.begin();
        withCard.field(ParameterLocation.REQUEST_BODY, "$.card.number", "4111111111111111");
        withCard.field(ParameterLocation.REQUEST_BODY, "$.card.expiry", "12/29");
        assertThat(withCard.finish()).extracting(SensitiveHit::type).containsExactlyInAnyOrder("payment_card", "card_expiry");

        SensitiveScanner.MessageScan withoutCard = scanner.begin();
        withoutCard.field(ParameterLocation.REQUEST_BODY, "$.card.number", "4111111111111112");
        withoutCard.field(ParameterLocation.REQUEST_BODY, "$.card.expiry", "12/29");
        assertThat(withoutCard.finish()).isEmpty();
    }

    @Test
    void privateKeyPemBlocks() {
        PrivateKeyDetector d = new PrivateKeyDetector();
        String pem = "-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA\n-----END RSA PRIVATE KEY-----";
        assertThat(reported(d, "key", pem)).isTrue();
        assertThat(d.mask(pem)).isEqualTo("-----BEGIN RSA PRIVATE KEY----- [redacted]");
        assertThat(reported(d, "key", "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----")).isFalse();
    }

    @Test
    void passwordsAndSecretsByFieldName() {
        SecretByNameDetector pw = SecretByNameDetector.passwords();
        assertThat(reported(pw, "$.user.password", "hunter2")).isTrue();
        assertThat(reported(pw, "new_passwd", "x")).isTrue();
        assertThat(reported(pw, "passwordPolicy", "strict")).isFalse();
        assertThat(reported(pw, "password", "")).isFalse();
        assertThat(reported(pw, "password", "[redacted]")).isFalse();
        assertThat(reported(pw, "username", "jane")).isFalse();
        SecretByNameDetector secrets = SecretByNameDetector.secrets();
        assertThat(reported(secrets, "client_secret", "s3cr3t")).isTrue();
        assertThat(reported(secrets, "apiKeyId", "k-1")).isFalse();
        assertThat(pw.mask("hunter2")).doesNotContain("hunter");
    }

    @Test
    void ipAddressesStrictly() {
        IpAddressDetector d = new IpAddressDetector();
        assertThat(reported(d, "clientIp", "192.168.1.20")).isTrue();
        assertThat(reported(d, "addr", "2001:db8::1")).isTrue();
        assertThat(reported(d, "x", "256.1.1.1")).isFalse();
        assertThat(reported(d, "x", "01.2.3.4")).isFalse();
        assertThat(reported(d, "version", "1.2.3.4")).as("a version, by its name").isFalse();
        assertThat(reported(d, "time", "12:30:45")).isFalse();
        assertThat(d.mask("192.168.1.20")).isEqualTo("192.168.*.*");
    }

    @Test
    void dateOfBirthOnlyByFieldName() {
        DateOfBirthDetector d = new DateOfBirthDetector();
        assertThat(reported(d, "dateOfBirth", "1984-02-29")).isTrue();
        assertThat(reported(d, "dob", "02/29/1984")).isTrue();
        assertThat(reported(d, "createdAt", "1984-02-29")).isFalse();
        assertThat(reported(d, "birthDate", "not a date")).isFalse();
        assertThat(d.mask("1984-02-29")).isEqualTo("****-**-**");
    }

    @Test
    void customTypesUseKeyPatternValueRegexAndValidator() {
        Detector employee = new CustomType("employee_id", "employee", "E[0-9]{6}", CustomType.Validator.NONE).toDetector();
        assertThat(reported(employee, "employeeId", "E123456")).isTrue();
        assertThat(reported(employee, "orderId", "E123456")).isFalse();
        assertThat(reported(employee, "employeeId", "X123456")).isFalse();
        Detector luhn = new CustomType("loyalty_card", null, "[0-9]{10}", CustomType.Validator.LUHN).toDetector();
        assertThat(reported(luhn, "x", "1234567897")).isTrue();
        assertThat(reported(luhn, "x", "1234567890")).isFalse();
        assertThatThrownBy(() -> new CustomType("bad", null, "([", null).toDetector())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("bad");
        assertThatThrownBy(() -> new CustomType("empty", null, null, null)).hasMessageContaining("key pattern or a value regex");
    }

    @Test
    void scannerPicksTheMostConfidentTypeAndMasksIt() {
        SensitiveScanner scanner = SensitiveScanner.withDefaults("US", List.of());
        SensitiveScanner.MessageScan scan = scanner.begin();
        SensitiveHit hit = scan.field(ParameterLocation.QUERY, "email", "jane.doe@example.org");
        assertThat(hit.type()).isEqualTo("email");
        assertThat(hit.masked()).isEqualTo("j***@example.org");
        assertThat(scan.field(ParameterLocation.QUERY, "page", "2")).isNull();
        assertThat(scan.field(ParameterLocation.QUERY, "status", "active")).isNull();
    }
}
