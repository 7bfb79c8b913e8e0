package io.periscope.enforcement;

import static io.periscope.enforcement.Broker.incident;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.periscope.enforcement.apigateway.ApiGatewaySettings;
import io.periscope.enforcement.fake.FakeApiGateway;
import io.periscope.enforcement.fake.FakeWaf;
import io.periscope.enforcement.policy.BlockPolicy;
import io.periscope.enforcement.policy.EnforcementMode;
import io.periscope.enforcement.reconcile.Backoff;
import io.periscope.enforcement.safety.SafetySettings;
import io.periscope.enforcement.waf.IpSetSettings;
import io.periscope.events.detection.ActorAddress;
import io.periscope.events.detection.Severity;
import io.periscope.events.detection.Verdict;
import io.periscope.events.enforcement.AuditAction;
import io.periscope.events.enforcement.AuditEntry;
import io.periscope.events.enforcement.BlockRecord;
import io.periscope.events.enforcement.BlockState;
import io.periscope.events.enforcement.EnforcementFinding;
import io.periscope.events.enforcement.EnforcementFindingKind;
import io.periscope.events.http.Body;
import io.periscope.events.http.ClientIpSource;
import io.periscope.events.http.Connection;
import io.periscope.events.http.Header;
import io.periscope.events.http.HttpExchange;
import io.periscope.events.http.HttpRequest;
import io.periscope.events.http.MirrorSource;
import io.periscope.events.http.Timings;
import io.periscope.events.time.EpochMicros;
import io.periscope.reassembly.enrich.ClientIpResolver;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/** From incident records on the embedded broker to the fake AWS, through the real SDK. */
class EnforcerIntegrationTest {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String PROXY = "198.51.100.10";
    private static final String LOAD_BALANCER = "198.51.100.20";

    private Broker broker;
    private FakeWaf waf;
    private FakeApiGateway apiGateway;
    private final TestClock clock = new TestClock();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

    @BeforeEach
    void start() throws Exception {
        broker = new Broker();
        waf = new FakeWaf();
        waf.createIpSet("v4", "periscope-v4", "REGIONAL", false, List.of("192.0.2.0/24"));
        waf.createIpSet("v6", "periscope-v6", "REGIONAL", true, List.of());
        apiGateway = new FakeApiGateway();
        apiGateway.createRestApi("api1", "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"AllowAll\","
                + "\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"execute-api:Invoke\",\"Resource\":\"execute-api:/*\"}]}");
        apiGateway.createApiKey("key-7");
    }

    @AfterEach
    void stop() {
        waf.close();
        apiGateway.close();
        broker.close();
    }

    private EnforcementSettings settings(EnforcementMode mode, int perHour) {
        BlockPolicy policy = new BlockPolicy(mode, Set.of("SQL_INJECTION"), 0.8, Severity.HIGH,
                List.of(Duration.ofHours(1), Duration.ofHours(1), Duration.ofDays(1)), perHour, 100, 16);
        return new EnforcementSettings(policy,
                new SafetySettings(List.of(), List.of(PROXY), List.of(LOAD_BALANCER), List.of(), 32, 128),
                new IpSetSettings("periscope-v4", "v4", "REGIONAL", false),
                new IpSetSettings("periscope-v6", "v6", "REGIONAL", true),
                new ApiGatewaySettings(Map.of("api1", List.of("prod")), Map.of("fp-key-7", "key-7"), "PeriscopeDeny", 8_192),
                "us-east-1", waf.endpoint(), apiGateway.endpoint(), Duration.ofHours(1), Duration.ZERO,
                new Backoff(Duration.ofMillis(1), Duration.ofMillis(5), 3), Duration.ofMinutes(2));
    }

    private Enforcer enforcer(EnforcementSettings settings) throws InterruptedException {
        return new Enforcer(settings, broker.client(), clock, meters,
                StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDTEST", "test-secret")))
                .start(WAIT);
    }

    private static ActorAddress resolved(String ip) {
        return new ActorAddress(ip, ClientIpSource.PEER, 10);
    }

    private static BlockRecord awaitRecord(Enforcer enforcer, String target, Predicate<BlockRecord> condition) {
        return await().atMost(WAIT).until(() -> enforcer.blocks().stream()
                .filter(r -> r.target().equals(target)).findFirst().orElse(null), r -> r != null && condition.test(r));
    }

    private static List<AuditEntry> awaitAudit(Enforcer enforcer, AuditAction action, int count) {
        return await().atMost(WAIT).until(() -> enforcer.audit(1_000, null).stream()
                .filter(e -> e.action() == action).toList(), l -> l.size() >= count);
    }

    @Test
    void incidentsOnTheBrokerPutTheAttackerInTheFakeIpSetsAndPolicyAndNoBenignAddress() throws Exception {
        try (Enforcer enforcer = enforcer(settings(EnforcementMode.ENFORCE, 100))) {
            broker.publish(incident("attack", Verdict.BLOCK, Severity.HIGH,
                    List.of(resolved("203.0.113.7"), resolved("2001:db8::7"), resolved(LOAD_BALANCER)), List.of("fp-key-7")));
            broker.publish(incident("watch", Verdict.MONITOR, Severity.HIGH, List.of(resolved("203.0.113.99")), List.of()));
            broker.publish(incident("weak", Verdict.BLOCK, Severity.MEDIUM, List.of(resolved("203.0.113.98")), List.of()));
            awaitRecord(enforcer, "2001:db8::7/128", r -> r.state() == BlockState.PENDING);
            awaitRecord(enforcer, "key-7", r -> r.state() == BlockState.PENDING);
            await().atMost(WAIT).until(() -> enforcer.incidentsConsumed() >= 3);

            assertThat(enforcer.reconcileNow()).isTrue();

            assertThat(waf.addresses("v4")).containsExactlyInAnyOrder("192.0.2.0/24", "203.0.113.7/32");
            assertThat(waf.addresses("v6")).containsExactly("2001:db8::7/128");
            assertThat(apiGateway.policy("api1")).contains("AllowAll").contains("PeriscopeDeny")
                    .contains("203.0.113.7/32").contains("2001:db8::7/128").doesNotContain("203.0.113.99");
            // the policy changed: the change is deployed on the configured stage, once
            assertThat(apiGateway.deployments()).containsExactly("api1/prod");
            assertThat(apiGateway.keyEnabled("key-7")).isFalse();
            BlockRecord attacker = awaitRecord(enforcer, "203.0.113.7/32", r -> r.state() == BlockState.ACTIVE);
            assertThat(attacker.appliedTo()).containsExactly("apigateway:api1", "waf:periscope-v4");
            assertThat(attacker.incidentId()).isEqualTo("attack");
            assertThat(awaitRecord(enforcer, LOAD_BALANCER + "/32", r -> true).state()).isEqualTo(BlockState.REFUSED);
            assertThat(awaitAudit(enforcer, AuditAction.POLICY_SKIPPED, 1)).extracting(AuditEntry::incidentId).contains("weak");

            // an admin unblocks: the address leaves WAF and the policy as reliably as it came in
            enforcer.unblock(attacker.id(), "false positive", "alice");
            assertThat(enforcer.reconcileNow()).isTrue();
            assertThat(waf.addresses("v4")).containsExactly("192.0.2.0/24");
            assertThat(apiGateway.policy("api1")).doesNotContain("203.0.113.7/32").contains("2001:db8::7/128");
            assertThat(awaitRecord(enforcer, "203.0.113.7/32", r -> r.appliedTo().isEmpty()).state())
                    .isEqualTo(BlockState.REMOVED);
        }
    }

    @Test
    void dryRunDecidesRecordsAndAuditsButTouchesNothingInAws() throws Exception {
        try (Enforcer enforcer = enforcer(settings(EnforcementMode.DRY_RUN, 100))) {
            broker.publish(incident("attack", Verdict.BLOCK, Severity.CRITICAL, List.of(resolved("203.0.113.7")),
                    List.of("fp-key-7")));
            awaitRecord(enforcer, "203.0.113.7/32", r -> r.state() == BlockState.DRY_RUN);
            assertThat(awaitAudit(enforcer, AuditAction.BLOCK_DECIDED, 2)).extracting(AuditEntry::outcome)
                    .containsOnly("dry-run");
            assertThat(enforcer.reconcileNow()).isFalse();
            assertThat(waf.requests()).isZero();
            assertThat(apiGateway.requests()).isZero();
        }
    }

    @Test
    void theHourlyCapStopsAutoBlockingAndRaisesOneAlertFindingInstead() throws Exception {
        try (Enforcer enforcer = enforcer(settings(EnforcementMode.ENFORCE, 2))) {
            for (int i = 1; i <= 4; i++) {
                broker.publish(incident("attack-" + i, Verdict.BLOCK, Severity.HIGH, List.of(resolved("203.0.113." + i)),
                        List.of()));
            }
            List<AuditEntry> caps = awaitAudit(enforcer, AuditAction.CAP_REACHED, 2);
            assertThat(caps).extracting(AuditEntry::target).containsExactlyInAnyOrder("203.0.113.3/32", "203.0.113.4/32");
            assertThat(enforcer.blocks()).extracting(BlockRecord::target)
                    .containsExactlyInAnyOrder("203.0.113.1/32", "203.0.113.2/32");
            assertThat(meters.counter("periscope.enforcement.cap.reached", "cap", "per-hour").count()).isEqualTo(2);
            // two incidents turned away, one episode: one finding for the alerting stage
            List<EnforcementFinding> raised = await().atMost(WAIT).until(broker::findings, l -> !l.isEmpty());
            Thread.sleep(500);
            assertThat(broker.findings()).hasSize(1);
            EnforcementFinding cap = raised.get(0);
            assertThat(cap.kind()).isEqualTo(EnforcementFindingKind.CAP_REACHED);
            assertThat(cap.id()).startsWith("cap-per-hour-");
            assertThat(cap.severity()).isEqualTo(Severity.HIGH);
            assertThat(cap.target()).isIn("203.0.113.3/32", "203.0.113.4/32");
            assertThat(cap.detail()).contains("cap of 2 automatic blocks per hour reached").contains("not blocked");
        }
    }

    @Test
    void aRestartDuringAWafOutageAppliesEveryPendingBlockAndExpiryAfterwards() throws Exception {
        EnforcementSettings settings = settings(EnforcementMode.ENFORCE, 100);
        try (Enforcer first = enforcer(settings)) {
            broker.publish(incident("short", Verdict.BLOCK, Severity.HIGH, List.of(resolved("203.0.113.1")), List.of()));
            awaitRecord(first, "203.0.113.1/32", r -> true);
            assertThat(first.reconcileNow()).isTrue();
            assertThat(waf.addresses("v4")).contains("203.0.113.1/32");

            waf.outage(true);
            broker.publish(incident("long", Verdict.BLOCK, Severity.CRITICAL, List.of(resolved("203.0.113.2")), List.of()));
            awaitRecord(first, "203.0.113.2/32", r -> r.state() == BlockState.PENDING);
            assertThat(first.reconcileNow()).isFalse();
        }
        clock.advance(Duration.ofHours(2)); // the 1 h block lapsed while no enforcer ran; the 1 d one did not
        waf.outage(false);
        try (Enforcer second = enforcer(settings)) {
            second.reconcileNow();
            assertThat(waf.addresses("v4")).containsExactlyInAnyOrder("192.0.2.0/24", "203.0.113.2/32");
            assertThat(awaitRecord(second, "203.0.113.1/32", r -> r.state() == BlockState.EXPIRED).appliedTo()).isEmpty();
            assertThat(awaitRecord(second, "203.0.113.2/32", r -> r.state() == BlockState.ACTIVE).appliedTo())
                    .contains("waf:periscope-v4");
        }
    }

    @Test
    void aRestartBetweenThePolicyUpdateAndItsDeploymentStillDeploysAndARestartWithoutAChangeDoesNot() throws Exception {
        EnforcementSettings settings = settings(EnforcementMode.ENFORCE, 100);
        apiGateway.deployByHand("api1", "prod"); // the stage as the team's pipeline left it
        try (Enforcer first = enforcer(settings)) {
            broker.publish(incident("attack", Verdict.BLOCK, Severity.HIGH, List.of(resolved("203.0.113.7")), List.of()));
            awaitRecord(first, "203.0.113.7/32", r -> r.state() == BlockState.PENDING);
            apiGateway.failDeploymentsNext(1); // the process dies here, as far as the stage is concerned
            assertThat(first.reconcileNow()).isFalse();
            assertThat(apiGateway.policy("api1")).contains("203.0.113.7/32");
            assertThat(apiGateway.deployments()).as("only the pipeline's").hasSize(1);
        }
        try (Enforcer second = enforcer(settings)) {
            assertThat(second.reconcileNow()).isTrue();
            assertThat(apiGateway.deployments()).as("the policy was already right, but never deployed")
                    .containsExactly("api1/prod", "api1/prod");
        }
        try (Enforcer third = enforcer(settings)) {
            assertThat(third.reconcileNow()).isTrue();
            assertThat(third.reconcileNow()).isTrue();
            assertThat(apiGateway.deployments()).as("the stage holds the statement: nothing is owed").hasSize(2);
        }
    }

    @Test
    void aSpoofedForwardedForNeverBlocksTheSpoofedAddress() throws Exception {
        ClientIpResolver resolver = new ClientIpResolver(List.of(PROXY), List.of("X-Forwarded-For", "Forwarded", "X-Real-IP"));
        // through the trusted proxy: the client wrote a victim's address left of its own; only the right-most counts
        ClientIpResolver.ClientIp viaProxy = resolver.resolve(PROXY,
                List.of(new Header("X-Forwarded-For", "192.0.2.66, 203.0.113.9")));
        // straight from the internet: the header is the client's own invention and ignored
        ClientIpResolver.ClientIp direct = resolver.resolve("203.0.113.50",
                List.of(new Header("X-Forwarded-For", "192.0.2.77")));
        assertThat(viaProxy.address()).isEqualTo("203.0.113.9");
        assertThat(direct.address()).isEqualTo("203.0.113.50");
        try (Enforcer enforcer = enforcer(settings(EnforcementMode.ENFORCE, 100))) {
            broker.publish(incident("spoof", Verdict.BLOCK, Severity.HIGH, List.of(
                    new ActorAddress(viaProxy.address(), viaProxy.source(), 5),
                    new ActorAddress(direct.address(), direct.source(), 5),
                    // what a careless producer might pass on: a header value that was never the resolved client
                    new ActorAddress("192.0.2.66", null, 5),
                    new ActorAddress(PROXY, ClientIpSource.PEER, 5)), List.of()));
            awaitRecord(enforcer, "203.0.113.50/32", r -> true);
            awaitAudit(enforcer, AuditAction.BLOCK_REFUSED, 2);
            enforcer.reconcileNow();
            assertThat(waf.addresses("v4")).containsExactlyInAnyOrder("192.0.2.0/24", "203.0.113.9/32", "203.0.113.50/32");
            assertThat(apiGateway.policy("api1")).doesNotContain("192.0.2.66").doesNotContain("192.0.2.77")
                    .doesNotContain(PROXY);
            assertThat(enforcer.audit(100, null)).filteredOn(e -> e.action() == AuditAction.BLOCK_REFUSED)
                    .extracting(AuditEntry::detail).anyMatch(d -> d.startsWith("NOT_RESOLVED_CLIENT"))
                    .anyMatch(d -> d.startsWith("TRUSTED_PROXY"));
        }
    }

    @Test
    void trafficFromABlockedAddressAfterThePropagationWindowIsReportedAsNotEffective() throws Exception {
        try (Enforcer enforcer = enforcer(settings(EnforcementMode.ENFORCE, 100))) {
            enforcer.blockManually("203.0.113.7", "seen scanning", "alice", Duration.ofHours(1));
            enforcer.reconcileNow();
            BlockRecord block = awaitRecord(enforcer, "203.0.113.7/32", r -> r.state() == BlockState.ACTIVE);
            clock.advance(Duration.ofMinutes(5));
            long after = EpochMicros.of(clock.instant());
            await().atMost(WAIT).until(() -> {
                broker.publish(exchange("203.0.113.7", after));
                return enforcer.audit(100, "203.0.113.7/32").stream()
                        .anyMatch(e -> e.action() == AuditAction.BLOCK_NOT_EFFECTIVE && block.id().equals(e.blockId()));
            });
            assertThat(meters.counter("periscope.enforcement.block.not.effective").count()).isEqualTo(1);
            EnforcementFinding finding = await().atMost(WAIT).until(broker::findings, l -> !l.isEmpty()).get(0);
            assertThat(finding.kind()).isEqualTo(EnforcementFindingKind.BLOCK_NOT_EFFECTIVE);
            assertThat(finding.id()).isEqualTo("ineffective-" + block.id());
            assertThat(finding.blockId()).isEqualTo(block.id());
            assertThat(finding.target()).isEqualTo("203.0.113.7/32");
            assertThat(finding.detail()).contains("api.test").contains("web ACL");
        }
    }

    private static HttpExchange exchange(String clientIp, long atMicros) {
        return new HttpExchange(HttpExchange.SCHEMA_VERSION, "x-" + System.nanoTime(), new MirrorSource("s", 1, "r"),
                new Connection("c", PROXY, 1234, "10.0.0.2", 80), clientIp, ClientIpSource.X_FORWARDED_FOR, "api.test",
                new HttpRequest("GET", "/", "/", List.of(), "HTTP/1.1", List.of(), List.of(), Body.EMPTY), null,
                new Timings(atMicros, atMicros, Timings.UNKNOWN, Timings.UNKNOWN), null, null);
    }
}
