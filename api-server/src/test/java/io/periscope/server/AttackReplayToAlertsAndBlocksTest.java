package io.periscope.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.periscope.alerts.Receiver;
import io.periscope.alerts.StandardWebhooksVerifier;
import io.periscope.enforcement.fake.FakeWaf;
import io.periscope.events.http.ClientIpSource;
import io.periscope.events.http.HttpExchange;
import io.periscope.events.kafka.ExchangeDeserializer;
import io.periscope.events.kafka.Topics;
import io.periscope.server.cli.replay.ReplayCommand;
import io.periscope.server.cli.sample.TrafficRecorder;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * From the wire to the places a security team acts, through the whole standalone app: real attack and benign traffic
 * against a real API is recorded as AWS Traffic Mirroring would deliver it (VXLAN, the load balancer's address as TCP
 * peer, clients named by {@code X-Forwarded-For}), replayed over UDP with {@code periscope replay --to udp://} into the
 * receiver, and followed out of every role: detection opens the attacker's incident, alerting delivers it signed to a
 * Slack-format and an OCSF-format receiver, and enforcement in {@code enforce} mode puts the attacker's /32 into the
 * WAF IP set of the in-process WAFv2 fake — and no shopper's address, nor the victim address a spoofed
 * {@code X-Forwarded-For} named.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AttackReplayToAlertsAndBlocksTest {
    private static final int VNI = 4242;
    private static final String BASE_URL = "https://periscope.example.test";
    private static final String IPV4_SET = "ipset-4f1c";
    /** In the IP set before Periscope starts: written by someone else, so it must stay. */
    private static final String FOREIGN_ENTRY = "192.0.2.0/24";
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final Set<String> BLOCK_KIT_TYPES = Set.of("header", "section", "context", "actions", "divider");

    @TempDir
    static Path dir;
    private final String slackSecret = secret();
    private final String ocsfSecret = secret();
    private final ShopAttackTraffic traffic = new ShopAttackTraffic();
    private FakeWaf waf;
    private Receiver slack;
    private Receiver siem;
    private TestApp app;

    @BeforeAll
    void recordStartAndReplay() throws Exception {
        Path capture = dir.resolve("attack.pcap");
        int packets = TrafficRecorder.record(capture, VNI, new VulnerableShopApi(), traffic);

        waf = new FakeWaf();
        waf.createIpSet(IPV4_SET, "periscope-blocks-v4", "REGIONAL", false, List.of(FOREIGN_ENTRY));
        slack = Receiver.start();
        siem = Receiver.start();
        // the app takes AWS credentials from the default chain, which reads these system properties first; the fake
        // checks no signature (the enforcement module's tests use the same pair)
        System.setProperty("aws.accessKeyId", "AKIDTEST");
        System.setProperty("aws.secretAccessKey", "test-secret");

        Map<String, Object> p = TestApp.properties(dir.resolve("data"));
        p.put("periscope.mirror.sessions.vni." + VNI, "shop");
        // the recorded TCP peer is the load balancer (the relay, 10.0.1.0/24): its X-Forwarded-For is believed
        p.put("periscope.reassembly.trusted-proxies", "10.0.1.0/24");
        p.put("periscope.enforcement.mode", "enforce");
        p.put("periscope.enforcement.waf.ipv4.name", "periscope-blocks-v4");
        p.put("periscope.enforcement.waf.ipv4.id", IPV4_SET);
        p.put("periscope.enforcement.aws.region", "us-east-1");
        p.put("periscope.enforcement.aws.waf-endpoint", waf.endpoint().toString());
        p.put("periscope.enforcement.reconcile-interval", "1s");
        p.put("periscope.alerts.allow-http", true);
        p.put("periscope.alerts.allowed-cidrs", "127.0.0.0/8");
        p.put("periscope.alerts.external-base-url", BASE_URL);
        declareDestination(p, "slack-soc", "slack", slack, slackSecret);
        declareDestination(p, "siem", "ocsf", siem, ocsfSecret);
        app = TestApp.start(p);

        int port = app.health().path("roles").path("receiver").path("details").path("udpPort").asInt();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine replay = new CommandLine(new ReplayCommand());
        replay.setOut(new PrintWriter(out));
        replay.setErr(new PrintWriter(err));
        int exit = replay.execute("--to", "udp://127.0.0.1:" + port, "--pps", "2000", "--no-progress", capture.toString());
        assertThat(exit).as(err.toString()).isZero();
        assertThat(out.toString()).contains("packets sent  " + packets);
    }

    private static void declareDestination(Map<String, Object> p, String id, String format, Receiver receiver, String secret) {
        String prefix = "periscope.alerts.destinations." + id + ".";
        p.put(prefix + "name", id);
        p.put(prefix + "url", receiver.url());
        p.put(prefix + "format", format);
        p.put(prefix + "secret", secret);
        p.put(prefix + "incidents", "opened,escalated");
    }

    private static String secret() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return "whsec_" + Base64.getEncoder().encodeToString(key);
    }

    @AfterAll
    void stop() {
        if (app != null) {
            app.close();
        }
        if (waf != null) {
            waf.close();
            slack.close();
            siem.close();
        }
        System.clearProperty("aws.accessKeyId");
        System.clearProperty("aws.secretAccessKey");
    }

    @Test
    void theSensorNamesEveryClientByItsForwardedAddressAndNeverByTheSpoofedLeftMostEntry() {
        List<HttpExchange> exchanges = readExchanges(traffic.requests());
        assertThat(exchanges).hasSize(traffic.requests());
        assertThat(exchanges).allSatisfy(e -> {
            assertThat(e.clientIpSource()).isEqualTo(ClientIpSource.X_FORWARDED_FOR);
            assertThat(e.connection().clientAddress()).startsWith("10.0.1.");
            assertThat(e.source().session()).isEqualTo("shop");
        });
        Map<String, Long> byClient = exchanges.stream()
                .collect(Collectors.groupingBy(HttpExchange::clientIp, Collectors.counting()));
        Set<String> clients = new TreeSet<>(ShopAttackTraffic.SHOPPERS.keySet());
        clients.add(ShopAttackTraffic.ATTACKER);
        clients.add(ShopAttackTraffic.SPOOFER);
        assertThat(byClient.keySet()).containsExactlyInAnyOrderElementsOf(clients);
        assertThat(byClient.get(ShopAttackTraffic.ATTACKER)).isEqualTo(ShopAttackTraffic.LEAKED_LOGINS.size() + 2L);
        assertThat(byClient.get(ShopAttackTraffic.SPOOFER)).isEqualTo(2L);
    }

    @Test
    void theAttackersIncidentOpensWithTheStuffingAndTheInjectionAndABlockVerdict() throws Exception {
        JsonNode incident = awaitIncident(ShopAttackTraffic.ATTACKER, "SQL_INJECTION");
        assertThat(incident.path("actorId").asText()).isEqualTo("ip:" + ShopAttackTraffic.ATTACKER);
        assertThat(texts(incident.path("types"))).contains("CREDENTIAL_STUFFING", "SQL_INJECTION");
        JsonNode detail = TestApp.json(app.send(app.asAdmin("/api/v1/incidents/" + incident.path("id").asText())));
        assertThat(detail.path("verdict").asText()).as(detail.path("verdictReason").asText()).isEqualTo("BLOCK");
        for (String shopper : ShopAttackTraffic.SHOPPERS.keySet()) {
            assertThat(incidents("?actor=" + shopper).path("total").asInt()).as(shopper).isZero();
        }
    }

    @Test
    void theSlackReceiverGetsASignedBlockKitMessageNamingTheAttackerAndLinkingToItsIncident() throws Exception {
        String incidentId = awaitIncident(ShopAttackTraffic.ATTACKER, "SQL_INJECTION").path("id").asText();
        Receiver.Request message = await().atMost(WAIT).until(() -> naming(slack, ShopAttackTraffic.ATTACKER, "SQL_INJECTION"),
                r -> r != null);
        JsonNode slackMessage = TestApp.JSON.readTree(message.body());

        assertThat(slackMessage.path("text").asText()).isNotBlank();
        JsonNode blocks = slackMessage.path("blocks");
        assertThat(blocks.isArray()).isTrue();
        assertThat(blocks.size()).isBetween(1, 50);
        List<String> links = new ArrayList<>();
        for (JsonNode block : blocks) {
            assertValidBlock(block, links);
        }
        assertThat(blocks.toString()).contains(ShopAttackTraffic.ATTACKER).contains("*How bad*").containsPattern("HIGH|CRITICAL");
        assertThat(links).contains(BASE_URL + "/#/incidents/" + incidentId);
        assertThat(verifies(slackSecret, message)).as("Standard Webhooks signature").isTrue();
        assertEveryAlertIsSignedOnceAndAboutAnAttacker(slack, slackSecret);
    }

    @Test
    void theOcsfReceiverGetsASignedDetectionFindingWithTheAttackersAddress() throws Exception {
        String incidentId = awaitIncident(ShopAttackTraffic.ATTACKER, "SQL_INJECTION").path("id").asText();
        Receiver.Request message = await().atMost(WAIT).until(() -> naming(siem, ShopAttackTraffic.ATTACKER, "SQL_INJECTION"),
                r -> r != null);
        JsonNode finding = TestApp.JSON.readTree(message.body());

        assertThat(finding.path("class_uid").asInt()).isEqualTo(2004);
        assertThat(finding.path("category_uid").asInt()).isEqualTo(2);
        assertThat(finding.path("type_uid").asInt()).isEqualTo(2004 * 100 + finding.path("activity_id").asInt());
        assertThat(finding.at("/metadata/version").asText()).startsWith("1.");
        assertThat(finding.at("/src_endpoint/ip").asText()).isEqualTo(ShopAttackTraffic.ATTACKER);
        assertThat(finding.at("/finding_info/uid").asText()).isEqualTo(incidentId);
        assertThat(finding.at("/finding_info/src_url").asText()).isEqualTo(BASE_URL + "/#/incidents/" + incidentId);
        assertThat(finding.path("severity_id").asInt()).isBetween(4, 5);
        assertThat(verifies(ocsfSecret, message)).as("Standard Webhooks signature").isTrue();
        assertEveryAlertIsSignedOnceAndAboutAnAttacker(siem, ocsfSecret);
    }

    /** Signed, one delivery per event version (distinct webhook ids), and no shopper alerted about. */
    private static void assertEveryAlertIsSignedOnceAndAboutAnAttacker(Receiver receiver, String secret) {
        List<Receiver.Request> got = receiver.requests();
        assertThat(got).allSatisfy(r -> {
            assertThat(verifies(secret, r)).as("Standard Webhooks signature of " + r.header("webhook-id")).isTrue();
            assertThat(r.bodyText()).containsAnyOf(ShopAttackTraffic.ATTACKER, ShopAttackTraffic.SPOOFER);
            ShopAttackTraffic.SHOPPERS.keySet().forEach(shopper -> assertThat(r.bodyText()).doesNotContain(shopper));
        });
        assertThat(got.stream().map(r -> r.header("webhook-id")).distinct().count()).isEqualTo(got.size());
    }

    @Test
    void theAttackersAddressLandsInTheWafIpSetAndNoShopperNorTheSpoofedVictimDoes() {
        List<String> set = await().atMost(WAIT).until(() -> waf.addresses(IPV4_SET),
                a -> a.contains(ShopAttackTraffic.ATTACKER + "/32") && a.contains(ShopAttackTraffic.SPOOFER + "/32"));
        assertThat(set).contains(FOREIGN_ENTRY);
        for (String shopper : ShopAttackTraffic.SHOPPERS.keySet()) {
            assertThat(set).doesNotContain(shopper + "/32");
        }
        assertThat(set).doesNotContain(ShopAttackTraffic.SPOOFED_VICTIM + "/32")
                .allSatisfy(a -> assertThat(a).doesNotStartWith("10.0.1."))
                .containsExactlyInAnyOrder(FOREIGN_ENTRY, ShopAttackTraffic.ATTACKER + "/32", ShopAttackTraffic.SPOOFER + "/32");
    }

    @Test
    void theAttackersBlockRecordIsActiveInTheWafLinksItsIncidentAndWasDecidedByDetection() throws Exception {
        String incidentId = awaitIncident(ShopAttackTraffic.ATTACKER, "SQL_INJECTION").path("id").asText();
        JsonNode block = await().atMost(WAIT).until(() -> blocks().get(ShopAttackTraffic.ATTACKER + "/32"),
                b -> b != null && b.path("state").asText().equals("ACTIVE"));
        assertThat(block.path("createdBy").asText()).isEqualTo("detection");
        assertThat(block.path("incidentId").asText()).isEqualTo(incidentId);
        assertThat(block.path("appliedTo").toString()).contains("periscope-blocks-v4");
        assertThat(block.path("expiresAtMicros").asLong()).isGreaterThan(System.currentTimeMillis() * 1000);
        assertThat(blocks().keySet()).doesNotContain(ShopAttackTraffic.SPOOFED_VICTIM + "/32")
                .noneMatch(t -> ShopAttackTraffic.SHOPPERS.containsKey(t.replace("/32", "")));
    }

    private Map<String, JsonNode> blocks() throws IOException, InterruptedException {
        List<JsonNode> items = new ArrayList<>();
        TestApp.json(app.send(app.asAdmin("/api/v1/blocks"))).path("items").forEach(items::add);
        return items.stream().collect(Collectors.toMap(b -> b.path("target").asText(), Function.identity(), (x, y) -> y));
    }

    /** Every exchange on {@code periscope.exchanges}, once {@code expected} arrived and a second passed without more. */
    private List<HttpExchange> readExchanges(int expected) {
        Map<String, Object> props = app.kafkaClientProperties();
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "attack-e2e-" + System.nanoTime());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        ExchangeDeserializer serde = new ExchangeDeserializer();
        List<HttpExchange> out = new ArrayList<>();
        try (var consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(Topics.EXCHANGES));
            long deadline = System.nanoTime() + WAIT.toNanos();
            long quietUntil = 0;
            while (System.nanoTime() < deadline && (out.size() < expected || System.nanoTime() < quietUntil)) {
                consumer.poll(Duration.ofMillis(300)).forEach(r -> out.add(serde.deserialize(r.topic(), r.headers(), r.value())));
                if (out.size() >= expected && quietUntil == 0) {
                    quietUntil = System.nanoTime() + Duration.ofSeconds(1).toNanos();
                }
            }
        }
        return out;
    }

    /** Block Kit as Slack validates it: known block types, text objects with their type, the documented lengths. */
    private static void assertValidBlock(JsonNode block, List<String> links) {
        String type = block.path("type").asText();
        assertThat(BLOCK_KIT_TYPES).as("block type").contains(type);
        switch (type) {
            case "header" -> {
                assertThat(block.at("/text/type").asText()).isEqualTo("plain_text");
                assertThat(block.at("/text/text").asText()).isNotBlank().hasSizeLessThanOrEqualTo(150);
            }
            case "section" -> {
                assertThat(block.has("text") || block.has("fields")).isTrue();
                if (block.has("text")) {
                    assertTextObject(block.path("text"), 3000);
                }
                assertThat(block.path("fields").size()).isLessThanOrEqualTo(10);
                block.path("fields").forEach(f -> assertTextObject(f, 2000));
            }
            case "context" -> {
                assertThat(block.path("elements").size()).isBetween(1, 10);
                block.path("elements").forEach(e -> assertTextObject(e, 3000));
            }
            case "actions" -> {
                assertThat(block.path("elements").size()).isBetween(1, 25);
                for (JsonNode e : block.path("elements")) {
                    assertThat(e.path("type").asText()).isEqualTo("button");
                    assertThat(e.at("/text/type").asText()).isEqualTo("plain_text");
                    assertThat(e.at("/text/text").asText()).isNotBlank().hasSizeLessThanOrEqualTo(75);
                    assertThat(e.path("url").asText()).hasSizeLessThanOrEqualTo(3000);
                    links.add(e.path("url").asText());
                }
            }
            default -> { }
        }
    }

    private static void assertTextObject(JsonNode text, int maxLength) {
        assertThat(text.path("type").asText()).isIn("plain_text", "mrkdwn");
        assertThat(text.path("text").asText()).isNotEmpty().hasSizeLessThanOrEqualTo(maxLength);
    }

    private static boolean verifies(String secret, Receiver.Request r) {
        return StandardWebhooksVerifier.verify(secret, r.header("webhook-id"), r.header("webhook-timestamp"),
                r.header("webhook-signature"), r.body());
    }

    /** The first alert a receiver got that names the address and the attack type (the escalation, when it came later). */
    private static Receiver.Request naming(Receiver receiver, String address, String type) {
        return receiver.requests().stream().filter(r -> r.bodyText().contains(address) && r.bodyText().contains(type))
                .findFirst().orElse(null);
    }

    /** The open incident of the actor at {@code address} once it carries {@code type}. */
    private JsonNode awaitIncident(String address, String type) {
        return await().atMost(WAIT).pollInterval(Duration.ofMillis(250))
                .until(() -> incidents("?status=open&actor=" + address).path("items"),
                        items -> items.size() == 1 && texts(items.get(0).path("types")).contains(type))
                .get(0);
    }

    private JsonNode incidents(String query) throws IOException, InterruptedException {
        return TestApp.json(app.send(app.asAdmin("/api/v1/incidents" + query)));
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(n -> texts.add(n.asText()));
        return texts;
    }
}
