package io.periscope.reassembly.enrich;

import static org.assertj.core.api.Assertions.assertThat;

import io.periscope.events.http.Credential;
import io.periscope.events.http.Header;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.periscope.reassembly.ReassemblyConfig;
import io.periscope.reassembly.ReassemblyMetrics;
import io.periscope.reassembly.ReassemblySinkFactory;
import io.periscope.reassembly.redact.MessageRedactions;
import io.periscope.reassembly.support.Harness;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

class CredentialRedactorTest {
    private final ReassemblyConfig config = ReassemblyConfig.builder(Harness.SECRET).build();
    private final Redactors redactor = new Redactors(config, false);

    /** The redactor of one config, each call a message of its own (request or response). */
    private record Redactors(CredentialRedactor redactor) {
        Redactors(ReassemblyConfig config, boolean allCookies) {
            this(new CredentialRedactor(ReassemblySinkFactory.values(config, new ReassemblyMetrics(new SimpleMeterRegistry())),
                    config.apiKeyHeaders(), config.apiKeyQueryParameters(), config.sessionCookieNames(), allCookies));
        }

        CredentialRedactor.RedactedRequest request(String target, List<Header> headers) {
            return redactor.request(new MessageRedactions(Credential.Direction.REQUEST), target, headers);
        }

        List<Header> response(List<Header> headers) {
            return redactor.response(new MessageRedactions(Credential.Direction.RESPONSE), headers);
        }
    }

    private static String b64url(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    private static final String JWT = b64url("{\"alg\":\"RS256\",\"kid\":\"key-1\",\"typ\":\"JWT\"}") + "."
            + b64url("{\"iss\":\"https://idp\",\"sub\":\"user-42\",\"aud\":[\"api\",\"web\"],\"exp\":1700000000,\"iat\":1699990000,\"jti\":\"j-1\",\"email\":\"a@b\"}")
            + ".c2lnbmF0dXJlLWJ5dGVz";

    @Test
    void aBearerJwtIsDescribedByItsClaimsAndNeverPublishedRaw() {
        CredentialRedactor.RedactedRequest r = redactor.request("/x", List.of(new Header("Authorization", "Bearer " + JWT)));
        Credential c = r.credentials().get(0);
        assertThat(c.scheme()).isEqualTo("Bearer");
        assertThat(c.fingerprint()).hasSize(32).matches("[0-9a-f]+");
        assertThat(c.jwt().alg()).isEqualTo("RS256");
        assertThat(c.jwt().kid()).isEqualTo("key-1");
        assertThat(c.jwt().sub()).isEqualTo("user-42");
        assertThat(c.jwt().aud()).containsExactly("api", "web");
        assertThat(c.jwt().exp()).isEqualTo(1700000000L);
        assertThat(c.jwt().jti()).isEqualTo("j-1");
        assertThat(r.headers().get(0).value()).isEqualTo("[redacted:Bearer:" + c.fingerprint() + "]");
        assertThat(r.toString()).doesNotContain(JWT).doesNotContain("c2lnbmF0dXJlLWJ5dGVz");
    }

    @Test
    void theSameSecretAlwaysGetsTheSameFingerprintAndAnotherInstallSecretAnother() {
        String a = redactor.request("/", List.of(new Header("X-API-Key", "k1"))).credentials().get(0).fingerprint();
        String b = redactor.request("/", List.of(new Header("x-api-key", "k1"))).credentials().get(0).fingerprint();
        String other = new Redactors(ReassemblyConfig.builder("another-install-secret!!".getBytes(StandardCharsets.UTF_8))
                .build(), false).request("/", List.of(new Header("x-api-key", "k1"))).credentials().get(0).fingerprint();
        assertThat(a).isEqualTo(b).isNotEqualTo(other);
    }

    @Test
    void basicCredentialsKeepTheUserNameOnly() {
        String encoded = Base64.getEncoder().encodeToString("alice:hunter2".getBytes(StandardCharsets.UTF_8));
        CredentialRedactor.RedactedRequest r = redactor.request("/", List.of(new Header("Authorization", "Basic " + encoded)));
        assertThat(r.credentials().get(0).username()).isEqualTo("alice");
        assertThat(r.credentials().get(0).scheme()).isEqualTo("Basic");
        assertThat(r.toString()).doesNotContain("hunter2").doesNotContain(encoded);
    }

    @Test
    void otherAuthorizationSchemesKeepTheirName() {
        CredentialRedactor.RedactedRequest r = redactor.request("/", List.of(new Header("Authorization", "Digest username=\"x\", response=\"abc\"")));
        assertThat(r.credentials().get(0).scheme()).isEqualTo("Digest");
        assertThat(r.headers().get(0).value()).startsWith("[redacted:Digest:");
    }

    @Test
    void queryApiKeysAreRedactedInTheQueryAndTheTarget() {
        CredentialRedactor.RedactedRequest r = redactor.request("/v1/items?limit=5&api_key=SECRET%2Fkey&q=a+b#frag", List.of());
        assertThat(r.path()).isEqualTo("/v1/items");
        assertThat(r.query().get(0).value()).isEqualTo("5");
        assertThat(r.query().get(1).value()).startsWith("[redacted:ApiKey:");
        assertThat(r.query().get(2).value()).isEqualTo("a b");
        assertThat(r.target()).startsWith("/v1/items?limit=5&api_key=[redacted:ApiKey:").endsWith("&q=a+b#frag").doesNotContain("SECRET");
        assertThat(r.credentials()).extracting(Credential::location).containsExactly(Credential.Location.QUERY);
    }

    @Test
    void everyCookieValueIsRedactedAndSessionCookiesAreCredentials() {
        CredentialRedactor.RedactedRequest r = redactor.request("/", List.of(new Header("Cookie", "theme=dark; JSESSIONID=abc123; _ga=GA1.2")));
        assertThat(r.headers().get(0).value()).startsWith("theme=[redacted:Cookie:").contains("; JSESSIONID=[redacted:Cookie:")
                .doesNotContain("abc123").doesNotContain("dark");
        assertThat(r.credentials()).extracting(Credential::name).containsExactly("JSESSIONID");
    }

    @Test
    void allCookiesCanBeCredentials() {
        Redactors all = new Redactors(ReassemblyConfig.builder(Harness.SECRET).sessionCookieNames(List.of()).build(), true);
        assertThat(all.request("/", List.of(new Header("Cookie", "a=1; b=2"))).credentials()).hasSize(2);
    }

    @Test
    void setCookieValuesAreRedactedKeepingAttributes() {
        List<Header> h = redactor.response(List.of(new Header("Set-Cookie", "sid=xyz; Path=/; Secure")));
        assertThat(h.get(0).value()).startsWith("sid=[redacted:Cookie:").endsWith("; Path=/; Secure").doesNotContain("xyz");
    }

    @Test
    void apiKeysInRefererAndLocationUrlsAreRedactedWithoutBecomingCredentialsOfThisRequest() {
        CredentialRedactor.RedactedRequest r = redactor.request("/next",
                List.of(new Header("Referer", "https://app.example/page?token=SECRET-T&x=1")));
        assertThat(r.headers().get(0).value()).startsWith("https://app.example/page?token=[redacted:ApiKey:").endsWith("&x=1")
                .doesNotContain("SECRET-T");
        assertThat(r.credentials()).isEmpty();
        List<Header> resp = redactor.response(List.of(new Header("Location", "/login?next=/a&access_token=SECRET-L#top")));
        assertThat(resp.get(0).value()).startsWith("/login?next=/a&access_token=[redacted:ApiKey:").endsWith("#top")
                .doesNotContain("SECRET-L");
    }

    @Test
    void aFragmentIsNotAQuery() {
        CredentialRedactor.RedactedRequest r = redactor.request("/p#frag?api_key=x", List.of());
        assertThat(r.path()).isEqualTo("/p");
        assertThat(r.query()).isEmpty();
    }
}
