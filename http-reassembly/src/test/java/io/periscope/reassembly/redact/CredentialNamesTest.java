package io.periscope.reassembly.redact;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class CredentialNamesTest {
    private final CredentialNames names = CredentialNames.defaults();

    @Test
    void namesOfTheIssueAreCredentialsWhateverTheirSpelling() {
        for (String n : List.of("jwt", "id_token", "refresh_token", "access_token", "accessToken", "token", "password",
                "passwd", "pwd", "secret", "client_secret", "api-key", "apiKey", "X-API-KEY", "sig", "signature",
                "X-Amz-Signature", "X-Amz-Credential", "X-Amz-Security-Token", "X-Goog-Signature", "X-Id-Token",
                "X-Refresh-Token", "X-Api-Token", "Proxy-Authorization", "credential", "session", "new_password",
                "cvv")) {
            assertThat(names.classify(n)).as(n).isNotNull();
        }
        assertThat(names.classify("newPassword")).isEqualTo(CredentialKind.PASSWORD);
        assertThat(names.classify("X-Amz-Signature")).isEqualTo(CredentialKind.SIGNATURE);
    }

    @Test
    void namesThatDescribeACredentialOrAreOrdinaryAreNot() {
        for (String n : List.of("token_type", "expires_in", "tokenExpiresAt", "password_policy", "passwordHint", "username",
                "email", "q", "X-Amz-Date", "X-Amz-SignedHeaders", "signatureVersion", "Sec-WebSocket-Key",
                "Content-Security-Policy", "secretary", "keyword", "session_count")) {
            assertThat(names.classify(n)).as(n).isNull();
        }
    }

    @Test
    void extraNamesAndExclusionsAreConfigurableAndNormalised() {
        CredentialNames configured = new CredentialNames(List.of("X-Tenant-Pass-Code"), List.of("X-CSRF-Token"));
        assertThat(configured.classify("x_tenant_pass.code")).isEqualTo(CredentialKind.SECRET);
        assertThat(configured.classify("x_csrf_token")).isNull();
        assertThat(names.classify("X-CSRF-Token")).isEqualTo(CredentialKind.TOKEN);
    }
}
