package io.periscope.detection.principal;

import io.periscope.detection.Traffic;
import io.periscope.events.detection.Principals;
import io.periscope.events.http.HttpExchange;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class PrincipalExtractorTest {
    final PrincipalExtractor extractor = new PrincipalExtractor(new PrincipalSettings("X-Authenticated-User",
            Set.of(), List.of(new BusinessIdentifier("tenant", "tenants", null)), 100));
    final List<String> evicted = new ArrayList<>();
    final CredentialLinks links = new CredentialLinks(2, evicted::add);

    @Test
    void aJwtNamesItsSubjectAndTheActorIsTheUserWhateverTheAddress() {
        Principals a = extractor.extract(Traffic.from("192.0.2.1").jwt("f1", "RS256", "alice").get("/tenants/acme/orders").build(), links);
        Principals b = extractor.extract(Traffic.from("198.51.100.9").jwt("f2", "RS256", "alice").build(), links);
        assertThat(a.user()).isEqualTo("alice");
        assertThat(a.credential()).isEqualTo("f1");
        assertThat(a.business()).containsEntry("tenant", "acme");
        assertThat(PrincipalExtractor.actorId(a)).isEqualTo(PrincipalExtractor.actorId(b)).isEqualTo("user:alice");
    }

    @Test
    void anUnsignedJwtDoesNotMakeItsSenderTheUserItNames() {
        Principals p = extractor.extract(Traffic.from("203.0.113.5").jwt("f9", "none", "admin").build(), links);
        assertThat(p.user()).isNull();
        assertThat(PrincipalExtractor.actorId(p)).isEqualTo("cred:f9");
    }

    @Test
    void anOpaqueTokenIssuedAtASignInBelongsToTheLoginThatSignedIn() {
        HttpExchange signIn = Traffic.from("192.0.2.1").signIn("bob", "pw").issues("tok-b").build();
        SignIn attempt = new SignInReader(PrincipalSettings.DEFAULT_LOGIN_FIELDS).read(signIn);
        assertThat(attempt).isEqualTo(new SignIn("bob", "pw"));
        assertThat(PrincipalExtractor.actorId(extractor.extract(signIn, links))).isEqualTo("ip:192.0.2.1");
        links.link(PrincipalExtractor.issuedCredential(signIn), attempt.login());

        Principals later = extractor.extract(Traffic.from("198.51.100.7").token("tok-b").build(), links);
        assertThat(later.user()).isEqualTo("bob");
    }

    @Test
    void theLinkTableStaysWithinItsBoundDroppingTheLeastRecentlyUsed() {
        links.link("t1", "u1");
        links.link("t2", "u2");
        links.userOf("t1");
        links.link("t3", "u3");
        assertThat(links.size()).isEqualTo(2);
        assertThat(evicted).containsExactly("t2");
        assertThat(links.userOf("t1")).isEqualTo("u1");
    }

    @Test
    void aGatewayHeaderNamesTheUser() {
        HttpExchange e = Traffic.from("192.0.2.1").token("t").build();
        List<io.periscope.events.http.Header> headers = new ArrayList<>(e.request().headers());
        headers.add(new io.periscope.events.http.Header("X-Authenticated-User", "carol"));
        HttpExchange withHeader = new HttpExchange(e.schemaVersion(), e.id(), e.source(), e.connection(), e.clientIp(),
                e.clientIpSource(), e.serverHost(), new io.periscope.events.http.HttpRequest(e.request().method(),
                e.request().target(), e.request().path(), List.of(), "HTTP/1.1", headers, List.of(), null), e.response(),
                e.timings(), e.flags(), e.credentials());
        assertThat(extractor.extract(withHeader, links).user()).isEqualTo("carol");
    }

    @Test
    void maskedEmailLoginsThatLookAlikeAreDistinctAccountsByTheirLoginFingerprint() {
        SignInReader reader = new SignInReader(PrincipalSettings.DEFAULT_LOGIN_FIELDS);
        SignIn one = reader.read(Traffic.from("192.0.2.1").signInWithEmail("a***@example.com", "aa11".repeat(8), "p1").build());
        SignIn two = reader.read(Traffic.from("192.0.2.1").signInWithEmail("a***@example.com", "bb22".repeat(8), "p1").build());
        SignIn again = reader.read(Traffic.from("192.0.2.9").signInWithEmail("a***@example.com", "aa11".repeat(8), "p2").build());

        assertThat(one.login()).isNotEqualTo(two.login()).isEqualTo(again.login());
        assertThat(one.login()).startsWith("[masked:email:a***@example.com]").endsWith(" #aa11aa11aa11");
        // a login the sensor did not mask needs no tag
        assertThat(reader.read(Traffic.from("192.0.2.1").signIn("bob", "pw").build()).login()).isEqualTo("bob");
    }

    @Test
    void aFormSignInNamesItsLoginAndABodyWithoutAPasswordIsNoSignIn() {
        SignInReader reader = new SignInReader(Set.of("login"));
        assertThat(reader.read(Traffic.from("192.0.2.1").method("POST", "/search").build())).isNull();
    }
}
