package io.periscope.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.periscope.events.http.Body;
import io.periscope.events.http.Credential;
import io.periscope.events.http.HttpExchange;
import io.periscope.events.kafka.ExchangeDeserializer;
import io.periscope.events.kafka.JsonSerde;
import io.periscope.events.kafka.SchemaIdHeader;
import io.periscope.events.kafka.Topics;
import io.periscope.mirror.replay.Pacer;
import io.periscope.mirror.replay.Progress;
import io.periscope.mirror.replay.UdpReplayer;
import io.periscope.mirror.source.CaptureFiles;
import io.periscope.mirror.source.CaptureReader;
import io.periscope.server.secretcapture.CapturedLog;
import io.periscope.server.secretcapture.Leak;
import io.periscope.server.secretcapture.LeakScanner;
import io.periscope.server.secretcapture.Needle;
import io.periscope.server.secretcapture.SecretsCapture;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.zip.GZIPInputStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * No raw credential or personal value leaves the sensor (issue 10, "secrets and personal data before
 * Kafka"). A capture of real HTTP traffic full of them ({@link SecretsCapture}) is replayed over real
 * UDP into the standalone app; once every exchange is on Kafka and discovery has caught up, every record
 * of every topic on the broker (changelogs, repartition and internal topics included), every catalog API
 * answer and every log line of the run are searched for every raw value, in every way it can be written.
 * Attack payloads, which detection needs, must arrive intact; fingerprints must still follow a token and
 * a reused password.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NoRawSecretLeavesTheSensorTest {
    private static final String SESSION = "lighthouse";
    private static final String DISCOVERY_GROUP = "periscope-discovery";
    private static final int MAX_LINES = 60;

    @TempDir
    static Path dir;
    TestApp app;
    CapturedLog log;
    SecretsCapture capture;
    /** The capture's raw values and Periscope's own credentials (admin token, a created token, a UI session). */
    final List<Needle> needles = new ArrayList<>();
    LeakScanner scanner;
    /** Every record of every topic, read once everything settled. */
    final List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
    final Map<String, List<HttpExchange>> exchangesByRequestId = new HashMap<>();
    /** Every catalog API answer by path. */
    final Map<String, String> answers = new LinkedHashMap<>();

    @BeforeAll
    void replayTheSecretsCaptureAndLetEveryStageSettle() throws Exception {
        log = CapturedLog.attach();
        long t0 = System.nanoTime();
        Map<String, Object> props = TestApp.properties(dir.resolve("data"));
        props.put("periscope.mirror.sessions.vni." + SecretsCapture.VNI, SESSION);
        props.put("periscope.discovery.commit-interval", "500ms");
        app = TestApp.start(props);
        long started = System.nanoTime();
        capture = SecretsCapture.generate(dir.resolve("lighthouse.pcap"));
        needles.addAll(capture.needles());
        needles.addAll(periscopesOwnCredentials());
        scanner = new LeakScanner(needles);
        InetSocketAddress target = new InetSocketAddress("127.0.0.1", app.health().path("roles").path("receiver").path("details").path("udpPort").asInt());
        try (UdpReplayer replayer = new UdpReplayer(target, target, 1, 4); CaptureReader reader = CaptureFiles.open(capture.capture())) {
            replayer.replay(reader, Pacer.packetsPerSecond(4000), Progress.NONE);
        }
        long replayed = System.nanoTime();
        try (Admin admin = Admin.create(kafkaClientProperties())) {
            Awaitility.await("every exchange on " + Topics.EXCHANGES).atMost(60, TimeUnit.SECONDS).pollInterval(Duration.ofMillis(200))
                    .until(() -> endOffsets(admin, Topics.EXCHANGES).values().stream().mapToLong(Long::longValue).sum() >= capture.exchanges());
            Awaitility.await("discovery caught up").atMost(60, TimeUnit.SECONDS).pollInterval(Duration.ofMillis(250))
                    .until(() -> discoveryCommittedEverything(admin) && catalogCalls() >= capture.exchanges());
            long settled = System.nanoTime();
            readEveryTopic(admin);
            readEveryCatalogAnswer();
            LoggerFactory.getLogger(getClass()).info("app started in {} ms; capture of {} exchanges made and replayed in {} ms; "
                            + "on Kafka and through discovery in {} ms; {} records and {} API answers read in {} ms",
                    millis(t0, started), capture.exchanges(), millis(started, replayed), millis(replayed, settled),
                    records.size(), answers.size(), millis(settled, System.nanoTime()));
        }
    }

    private static long millis(long fromNanos, long toNanos) {
        return (toNanos - fromNanos) / 1_000_000;
    }

    @AfterAll
    void stop() {
        if (app != null) {
            app.close();
        }
        if (log != null) {
            log.close();
        }
    }

    /** Uses Periscope's own credentials, so that the tokens and sessions topics hold records to scan. */
    private List<Needle> periscopesOwnCredentials() throws Exception {
        String viewer = app.createToken("leak-scan viewer", "viewer");
        HttpResponse<String> signedIn = app.send(app.request("/api/v1/session").header("Content-Type", "application/json")
                .POST(TestApp.jsonBody(Map.of("token", viewer))));
        assertThat(signedIn.statusCode()).as("UI sign-in").isEqualTo(200);
        String cookie = signedIn.headers().firstValue("Set-Cookie").orElseThrow();
        String session = cookie.substring(cookie.indexOf('=') + 1, cookie.indexOf(';') < 0 ? cookie.length() : cookie.indexOf(';'));
        return List.of(new Needle(Needle.Kind.API_TOKEN, "Periscope admin token", TestApp.ADMIN_TOKEN),
                new Needle(Needle.Kind.API_TOKEN, "Periscope API token made with POST /api/v1/tokens", viewer),
                new Needle(Needle.Kind.SESSION_COOKIE, "Periscope UI session cookie", session));
    }

    /** The Kafka client properties of the running app, SASL credentials included. */
    private Map<String, Object> kafkaClientProperties() {
        return app.kafkaClientProperties();
    }

    @Test
    void noRecordOnAnyTopicHoldsARawSecretOrPersonalValue() {
        Set<String> topics = records.stream().map(ConsumerRecord::topic).collect(Collectors.toSet());
        assertThat(topics).as("the scan saw the stages' topics and discovery's changelog")
                .contains(Topics.EXCHANGES, Topics.CATALOG, Topics.CHANGES, Topics.TOKENS, Topics.SESSIONS).anyMatch(t -> t.endsWith("-changelog"));
        assertThat(exchangesByRequestId.values().stream().mapToInt(List::size).sum()).isEqualTo(capture.exchanges());

        List<Leak> leaks = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> r : records) {
            String where = r.topic() + "/" + r.partition() + "@" + r.offset();
            if (r.key() != null) {
                leaks.addAll(scanner.scan(where + " key", r.key()));
            }
            if (r.value() != null) {
                leaks.addAll(scanner.scan(where, r.value()));
                if (isAvroExchange(r)) {
                    leaks.addAll(scanner.scan(where + " as JSON", asJson(r)));
                }
            }
            for (Header h : r.headers()) {
                leaks.addAll(scanner.scan(where + " header " + h.key(), h.value() == null ? new byte[0] : h.value()));
            }
        }
        assertThat(leaks).as(() -> "raw values on Kafka: " + LeakScanner.summary(leaks, needles, MAX_LINES)).isEmpty();
    }

    @Test
    void noCatalogApiAnswerHoldsARawSecretOrPersonalValue() {
        assertThat(answers.keySet()).as("the scan saw every kind of answer")
                .anyMatch(p -> p.startsWith("/api/v1/endpoints/")).anyMatch(p -> p.endsWith("/openapi"))
                .contains("/api/v1/services", "/api/v1/pipeline");
        List<Leak> leaks = new ArrayList<>();
        answers.forEach((path, body) -> leaks.addAll(scanner.scan(path, body)));
        assertThat(leaks).as(() -> "raw values in API answers: " + LeakScanner.summary(leaks, needles, MAX_LINES)).isEmpty();
    }

    @Test
    void noLogLineOfTheRunHoldsARawSecretOrPersonalValue() {
        List<String> lines = log.lines();
        assertThat(lines).as("the appender saw the run").isNotEmpty();
        List<Leak> leaks = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            leaks.addAll(scanner.scan("log line " + i + " (" + line.substring(0, Math.min(60, line.indexOf(']') + 1)) + ")", line));
        }
        assertThat(leaks).as(() -> "raw values in the log: " + LeakScanner.summary(leaks, needles, MAX_LINES)).isEmpty();
    }

    private static boolean isAvroExchange(ConsumerRecord<byte[], byte[]> r) {
        return r.topic().equals(Topics.EXCHANGES) && r.headers().lastHeader(SchemaIdHeader.NAME) != null;
    }

    /**
     * An exchange record as JSON: an Avro record's body is raw bytes (compressed ones stay compressed), its JSON view
     * is what the scanner reads as it reads JSON records (bodies decoded from base64, gunzipped when compressed), so
     * both formats are held to one bar. A JSON record is returned as it is.
     */
    private static byte[] asJson(ConsumerRecord<byte[], byte[]> r) {
        if (!isAvroExchange(r)) {
            return r.value();
        }
        HttpExchange e = new ExchangeDeserializer().deserialize(r.topic(), r.headers(), r.value());
        return JsonSerde.of(HttpExchange.class).serialize(r.topic(), e);
    }

    @Test
    void attackPayloadsReachTheExchangesTopicIntact() {
        List<byte[]> exchanges = records.stream().filter(r -> r.topic().equals(Topics.EXCHANGES)).map(NoRawSecretLeavesTheSensorTest::asJson).toList();
        assertThat(capture.attackPayloads()).hasSizeGreaterThanOrEqualTo(8).allSatisfy(payload ->
                assertThat(exchanges.stream().anyMatch(v -> LeakScanner.containsIntact(v, payload)))
                        .as("attack payload %s on %s", payload, Topics.EXCHANGES).isTrue());
    }

    @Test
    void aTokenIssuedInASignInResponseBodyHasTheFingerprintItHasWhenSentAsBearer() {
        HttpExchange signIn = exchange(capture.tokenIssuedBy());
        HttpExchange later = exchange(capture.tokenSentBy());
        Credential bearer = later.credentials().stream().filter(c -> c.name().equalsIgnoreCase("authorization")).findFirst()
                .orElseThrow(() -> new AssertionError(capture.tokenSentBy() + " has no Authorization credential: " + later.credentials()));
        List<Credential> inBody = signIn.credentials().stream().filter(c -> c.location().name().equals("BODY")).toList();
        assertThat(inBody).as("credentials found in the sign-in response body").extracting(Credential::fingerprint)
                .contains(bearer.fingerprint());
    }

    @Test
    void twoAccountsSigningInWithTheSamePasswordShowTheSamePasswordFingerprint() {
        List<String> fingerprints = capture.sharedPasswordSignIns().stream().map(id -> exchange(id).credentials().stream()
                        .filter(c -> c.scheme().equals("Password")).map(Credential::fingerprint).findFirst()
                        .orElseThrow(() -> new AssertionError(id + " has no Password credential: " + exchange(id).credentials())))
                .toList();
        assertThat(fingerprints).hasSize(2);
        assertThat(fingerprints.get(0)).isEqualTo(fingerprints.get(1));
        String otherAccount = exchange("sign-in-2").credentials().stream().filter(c -> c.scheme().equals("Password"))
                .map(Credential::fingerprint).findFirst().orElseThrow();
        assertThat(otherAccount).as("another password, another fingerprint").isNotEqualTo(fingerprints.get(0));
    }

    @Test
    void redactedBodiesKeepTheirShapeWithAMarkerWhereEachValueWas() throws Exception {
        String credential = "\\[redacted:[A-Za-z]+:[0-9a-f]{16,}]";
        String password = "\\[redacted:Password:[0-9a-f]{16,}]";
        JsonNode signInRequest = TestApp.JSON.readTree(body(exchange("sign-in-0").request().body()));
        assertMarker("JSON sign-in password", signInRequest.path("password").asText(), password);
        assertMarker("JSON sign-in e-mail", signInRequest.path("email").asText(), "\\[masked:email:[^]]*]");
        Map<String, String> form = new HashMap<>();
        for (String pair : body(exchange("sign-in-1").request().body()).split("&")) {
            String[] nv = pair.split("=", 2);
            form.put(URLDecoder.decode(nv[0], StandardCharsets.UTF_8), nv.length < 2 ? "" : URLDecoder.decode(nv[1], StandardCharsets.UTF_8));
        }
        assertThat(form.get("remember")).as("a form field that is no secret stays").isEqualTo("true");
        assertMarker("form sign-in password", String.valueOf(form.get("password")), password);

        JsonNode signedIn = TestApp.JSON.readTree(body(exchange("sign-in-0").response().body()));
        for (String field : List.of("accessToken", "refreshToken", "idToken")) {
            assertMarker("sign-in response " + field, signedIn.path(field).asText(), credential);
        }
        assertThat(signedIn.path("tokenType").asText()).isEqualTo("Bearer");
        JsonNode refreshed = TestApp.JSON.readTree(body(exchange("refresh-0").response().body()));
        assertMarker("gzip, chunked token response access_token", refreshed.path("access_token").asText(), credential);

        JsonNode profile = TestApp.JSON.readTree(body(exchange("update-profile-0").response().body()));
        assertMarker("profile ssn", profile.path("ssn").asText(), "\\[masked:us_ssn:[^]]*]");
        assertMarker("profile iban", profile.path("iban").asText(), "\\[masked:iban:[^]]*]");
        assertMarker("profile card number", profile.path("cards").path(0).path("number").asText(), "\\[masked:payment_card:[^]]*]");
        assertThat(profile.path("address").path("city").asText()).as("a value that is neither stays").isEqualTo("Portsmouth");
        JsonNode users = TestApp.JSON.readTree(body(exchange("admin-users").response().body()));
        assertThat(users.path("users")).isNotEmpty();
        users.path("users").forEach(u -> assertMarker("admin user list passwordHash", u.path("passwordHash").asText(), credential));
    }

    /** Fails naming the field and a hint of the value (4 characters and length), never the value itself. */
    private static void assertMarker(String what, String value, String markerRegex) {
        assertThat(value.matches(markerRegex)).as("%s is a marker like %s, not \"%s… %d chars\"", what, markerRegex,
                value.substring(0, Math.min(4, value.length())), value.length()).isTrue();
    }

    /** A body as published: decoded by the sensor, or still gzip-compressed when it did not decode it. */
    private static String body(Body body) throws IOException {
        byte[] bytes = body.content();
        if (bytes.length > 2 && bytes[0] == (byte) 0x1f && bytes[1] == (byte) 0x8b) {
            try (var in = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
                bytes = in.readAllBytes();
            }
        }
        assertThat(body.truncated()).as("body truncated").isFalse();
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private HttpExchange exchange(String requestId) {
        List<HttpExchange> found = exchangesByRequestId.getOrDefault(requestId, List.of());
        assertThat(found).as("exchanges with %s %s", SecretsCapture.REQUEST_ID_HEADER, requestId).hasSize(1);
        return found.get(0);
    }

    private Map<TopicPartition, Long> endOffsets(Admin admin, String topic) throws Exception {
        TopicDescription description = admin.describeTopics(List.of(topic)).allTopicNames().get(10, TimeUnit.SECONDS).get(topic);
        Map<TopicPartition, OffsetSpec> latest = description.partitions().stream()
                .collect(Collectors.toMap(p -> new TopicPartition(topic, p.partition()), p -> OffsetSpec.latest()));
        return admin.listOffsets(latest).all().get(10, TimeUnit.SECONDS).entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
    }

    /** Discovery committed the end of every exchanges partition: it processed everything and flushed its state. */
    private boolean discoveryCommittedEverything(Admin admin) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(DISCOVERY_GROUP)
                .partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
        return endOffsets(admin, Topics.EXCHANGES).entrySet().stream().allMatch(e -> e.getValue() == 0
                || Optional.ofNullable(committed.get(e.getKey())).map(OffsetAndMetadata::offset).orElse(-1L).equals(e.getValue()));
    }

    /** Calls the catalog API counts for the capture's service: it lags discovery by a flush interval. */
    private long catalogCalls() throws Exception {
        HttpResponse<String> page = app.send(app.asAdmin("/api/v1/endpoints?limit=500"));
        long calls = 0;
        for (JsonNode e : TestApp.json(page).path("items")) {
            if (e.path("serviceKey").asText().startsWith(SESSION + "|")) {
                calls += e.path("calls").asLong();
            }
        }
        return calls;
    }

    private void readEveryTopic(Admin admin) throws Exception {
        Set<String> topics = admin.listTopics(new ListTopicsOptions().listInternal(true)).names().get(10, TimeUnit.SECONDS);
        Map<String, Object> props = kafkaClientProperties();
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_uncommitted");
        ExchangeDeserializer exchanges = new ExchangeDeserializer();
        try (var consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            for (String topic : topics) {
                Map<TopicPartition, Long> end = endOffsets(admin, topic);
                consumer.assign(end.keySet());
                consumer.seekToBeginning(end.keySet());
                long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
                while (end.entrySet().stream().anyMatch(e -> consumer.position(e.getKey()) < e.getValue())) {
                    if (System.nanoTime() > deadline) {
                        throw new AssertionError("could not read " + topic + " to its end " + end);
                    }
                    for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                        records.add(r);
                        if (topic.equals(Topics.EXCHANGES)) {
                            HttpExchange e = exchanges.deserialize(topic, r.headers(), r.value());
                            String id = e.request() == null ? null : e.request().headerValues(SecretsCapture.REQUEST_ID_HEADER).stream().findFirst().orElse(null);
                            exchangesByRequestId.computeIfAbsent(String.valueOf(id), k -> new ArrayList<>()).add(e);
                        }
                    }
                }
            }
        }
    }

    private void readEveryCatalogAnswer() throws Exception {
        answer("/api/v1/services");
        answer("/api/v1/overview");
        answer("/api/v1/pipeline");
        answer("/api/v1/openapi.yaml");
        answer("/api/v1/tokens");
        answer("/api/v1/session");
        for (JsonNode service : TestApp.JSON.readTree(answers.get("/api/v1/services")).path("items")) {
            String key = URLEncoder.encode(service.path("serviceKey").asText(), StandardCharsets.UTF_8);
            answer("/api/v1/services/" + key + "/openapi");
            answer("/api/v1/services/" + key + "/rules");
        }
        for (int offset = 0; ; offset += 500) {
            JsonNode page = TestApp.JSON.readTree(answer("/api/v1/endpoints?limit=500&offset=" + offset));
            page.path("items").forEach(e -> answerUnchecked("/api/v1/endpoints/" + URLEncoder.encode(e.path("endpointId").asText(), StandardCharsets.UTF_8)));
            if (offset + 500 >= page.path("total").asInt()) {
                break;
            }
        }
        for (int offset = 0; ; offset += 500) {
            JsonNode page = TestApp.JSON.readTree(answer("/api/v1/changes?limit=500&offset=" + offset));
            if (offset + 500 >= page.path("total").asInt()) {
                break;
            }
        }
        for (String finding : List.of("SENSITIVE_DATA_WITHOUT_AUTH", "CREDENTIAL_IN_URL", "SENSITIVE_DATA_IN_URL")) {
            answer("/api/v1/endpoints?limit=500&finding=" + finding);
        }
    }

    private String answer(String path) throws Exception {
        HttpResponse<String> response = app.send(app.asAdmin(path));
        assertThat(response.statusCode()).as("GET %s", path).isEqualTo(200);
        answers.put(path, response.body());
        return response.body();
    }

    private void answerUnchecked(String path) {
        try {
            answer(path);
        } catch (Exception e) {
            throw new AssertionError("GET " + path + " failed", e);
        }
    }
}
