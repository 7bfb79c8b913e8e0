package io.periscope.reassembly;

import static org.assertj.core.api.Assertions.assertThat;

import io.periscope.events.http.Body;
import io.periscope.events.http.Credential;
import io.periscope.events.http.HttpExchange;
import io.periscope.events.kafka.EventJson;
import io.periscope.reassembly.support.Conversation;
import io.periscope.reassembly.support.Harness;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

/**
 * Real HTTP/1.1 bytes of a sign-in, a call with the issued token, a form login, a cut upload and a gzip'd profile,
 * through TCP reassembly, parsing, pairing and redaction: the records as serialized for Kafka (and the bodies inside
 * them, base64-decoded) hold no raw credential and no raw sensitive value, and attack payloads are intact.
 */
class RedactionPipelineTest {
    private static final String JWT = b64("{\"alg\":\"HS256\",\"typ\":\"JWT\"}") + "." + b64("{\"sub\":\"u-1\",\"exp\":1900000000}")
            + ".c2lnbmF0dXJlLWJ5dGVzLTAxMjM0NQ";
    private static final String PASSWORD = "Tr0ub4dor&3";
    private static final String CARD = "5555555555554444";
    private static final String SSN = "219-45-6789";
    private static final String BCRYPT = "$2b$12$KIXQJ8h3nJX3l8ZBzYpZ2eW9y0vQ9q3o8v1M0qk6QhZ5s3z5Yt3xW";
    private static final String ATTACK = "' OR 1=1 --";

    private static String b64(String s) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    private static String request(String head, String contentType, byte[] body) {
        return head + "Host: api.example\r\nContent-Type: " + contentType + "\r\nContent-Length: " + body.length + "\r\n\r\n"
                + new String(body, StandardCharsets.ISO_8859_1);
    }

    private static String response(String extraHeaders, String contentType, byte[] body) {
        return "HTTP/1.1 200 OK\r\n" + extraHeaders + "Content-Type: " + contentType + "\r\nContent-Length: " + body.length
                + "\r\n\r\n" + new String(body, StandardCharsets.ISO_8859_1);
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void noRawCredentialOrSensitiveValueReachesTheSerializedRecord() throws Exception {
        Harness h = new Harness(b -> b.maxBodyBytes(200));
        byte[] profile = gzip(utf8("{\"ssn\":\"" + SSN + "\",\"passwordHash\":\"" + BCRYPT + "\"}"));
        String cutUpload = "{\"note\":\"" + ATTACK + "\",\"card\":\"" + CARD + "\",\"padding\":\"" + "x".repeat(100)
                + "\",\"refresh_token\":\"" + "r".repeat(60) + "\"}";
        h.run(Conversation.between("10.1.0.5", 40000, "10.2.0.9", 80).handshake()
                .client(request("POST /v1/sign-in?q=" + ATTACK.replace(" ", "%20") + " HTTP/1.1\r\n", "application/json",
                        utf8("{\"email\":\"ada@example.org\",\"password\":\"" + PASSWORD + "\"}")))
                .server(response("X-Refresh-Token: rt-opaque-123\r\n", "application/json",
                        utf8("{\"accessToken\":\"" + JWT + "\",\"tokenType\":\"Bearer\"}")))
                .client("GET /v1/me?id_token=" + JWT + " HTTP/1.1\r\nHost: api.example\r\nAuthorization: Bearer " + JWT
                        + "\r\n\r\n")
                .server(new String(gzipResponse(profile), StandardCharsets.ISO_8859_1))
                .client(request("POST /login HTTP/1.1\r\n", "application/x-www-form-urlencoded",
                        utf8("user=bob&pwd=" + PASSWORD.replace("&", "%26") + "&next=%2Fhome")))
                .server(response("", "text/plain", utf8("ok")))
                .client(request("PUT /v1/upload HTTP/1.1\r\n", "application/json", utf8(cutUpload)))
                .server(response("", "text/plain", utf8("stored")))
                .close());

        List<HttpExchange> out = h.exchanges;
        assertThat(out).hasSize(4);
        StringBuilder everything = new StringBuilder();
        for (HttpExchange e : out) {
            everything.append(EventJson.mapper().writeValueAsString(e));
            for (Body b : List.of(e.request().body(), e.response().body())) {
                everything.append(new String(b.content(), StandardCharsets.UTF_8));
            }
        }
        String all = everything.toString();
        for (String raw : List.of(JWT, PASSWORD, "Tr0ub4dor", CARD, SSN, BCRYPT, "ada@example.org", "rt-opaque-123",
                "r".repeat(15))) {
            assertThat(all).as("raw value %s", raw).doesNotContain(raw);
        }
        assertThat(all).contains("[masked:email:a***@example.org]").contains("[masked:us_ssn:***-**-6789]")
                .contains("[masked:payment_card:5555 **** **** 4444]").contains("[redacted:Password:");

        HttpExchange signIn = out.get(0);
        assertThat(signIn.request().query().get(0).value()).isEqualTo(ATTACK);
        Credential issued = signIn.credentials().stream().filter(c -> c.location() == Credential.Location.BODY
                && c.direction() == Credential.Direction.RESPONSE).findFirst().orElseThrow();
        Credential presented = out.get(1).credentials().stream().filter(c -> c.name().equals("Authorization"))
                .findFirst().orElseThrow();
        assertThat(issued.fingerprint()).isEqualTo(presented.fingerprint());
        // the masked e-mail login is described by its keyed Login fingerprint, the password by its own key
        assertThat(signIn.credentials()).filteredOn(Credential::presented).extracting(Credential::scheme)
                .containsExactly("Login", "Password");
        assertThat(signIn.authenticationCredentials()).isEmpty(); // a submitted password is no authentication

        HttpExchange upload = out.get(3);
        assertThat(upload.request().body().truncated()).isTrue();
        assertThat(new String(upload.request().body().content(), StandardCharsets.UTF_8)).contains(ATTACK);
        assertThat(upload.request().body().wireLength()).isEqualTo(cutUpload.length());
        assertThat(h.metric("redactions{kind=credential,type=Password}")).isEqualTo(2);
    }

    private static byte[] gzipResponse(byte[] gz) {
        String head = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Encoding: gzip\r\nContent-Length: "
                + gz.length + "\r\n\r\n";
        byte[] out = new byte[head.length() + gz.length];
        System.arraycopy(head.getBytes(StandardCharsets.ISO_8859_1), 0, out, 0, head.length());
        System.arraycopy(gz, 0, out, head.length(), gz.length);
        return out;
    }

    private static byte[] gzip(byte[] data) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
            gz.write(data);
        }
        return bytes.toByteArray();
    }
}
