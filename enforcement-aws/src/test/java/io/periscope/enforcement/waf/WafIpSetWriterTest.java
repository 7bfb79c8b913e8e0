package io.periscope.enforcement.waf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.periscope.enforcement.AwsClients;
import io.periscope.enforcement.Broker;
import io.periscope.enforcement.audit.AuditLog;
import io.periscope.enforcement.fake.FakeWaf;
import io.periscope.enforcement.reconcile.AwsCalls;
import io.periscope.enforcement.reconcile.Backoff;
import io.periscope.enforcement.reconcile.MutationPacer;
import io.periscope.enforcement.reconcile.PointUnavailableException;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.wafv2.Wafv2Client;

class WafIpSetWriterTest {
    static final StaticCredentialsProvider TEST_CREDENTIALS =
            StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDTEST", "test-secret"));
    private static Broker broker;
    private static AuditLog audit;
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

    @BeforeAll
    static void startBroker() throws Exception {
        broker = new Broker();
        audit = new AuditLog(broker.client(), Clock.systemUTC(), new SimpleMeterRegistry());
    }

    @AfterAll
    static void stopBroker() {
        audit.close();
        broker.close();
    }

    private WafIpSetWriter writer(FakeWaf waf, IpSetSettings set, Backoff backoff) {
        Wafv2Client client = new AwsClients("us-east-1", waf.endpoint(), null).waf(TEST_CREDENTIALS);
        return new WafIpSetWriter(client, set, new AwsCalls(backoff, audit, meters), new MutationPacer(Duration.ZERO));
    }

    @Test
    void twoEnforcersRacingOnOneIpSetLoseNothing() throws Exception {
        try (FakeWaf waf = new FakeWaf()) {
            waf.createIpSet("id-4", "periscope-v4", "REGIONAL", false, List.of("198.51.100.0/24"));
            IpSetSettings set = new IpSetSettings("periscope-v4", "id-4", "REGIONAL", false);
            Backoff patient = new Backoff(Duration.ofMillis(1), Duration.ofMillis(20), 200);
            ExecutorService pool = Executors.newFixedThreadPool(2);
            List<Future<Set<String>>> results = pool.invokeAll(List.of(
                    adding(writer(waf, set, patient), "203.0.113."), adding(writer(waf, set, patient), "192.0.2.")));
            Set<String> expected = new HashSet<>(Set.of("198.51.100.0/24"));
            for (Future<Set<String>> result : results) {
                expected.addAll(result.get());
            }
            pool.shutdown();
            assertThat(new HashSet<>(waf.addresses("id-4"))).isEqualTo(expected).hasSize(81);
            assertThat(waf.lockFailures()).as("the writers really collided").isPositive();
        }
    }

    /** One enforcer adding 40 addresses one round at a time, owning what it added. */
    private static Callable<Set<String>> adding(WafIpSetWriter writer, String prefix) {
        return () -> {
            Set<String> mine = new HashSet<>();
            for (int i = 1; i <= 40; i++) {
                mine.add(prefix + i + "/32");
                writer.converge(new IpSetMerge(mine, mine));
            }
            return mine;
        };
    }

    @Test
    void throttlingIsRetriedAndAnOutageGivesUpTheRoundWithoutLosingTheForeignEntries() throws Exception {
        try (FakeWaf waf = new FakeWaf()) {
            waf.createIpSet("id-6", "periscope-v6", "CLOUDFRONT", true, List.of("2001:db8:aaaa::/48"));
            IpSetSettings set = new IpSetSettings("periscope-v6", "id-6", "CLOUDFRONT", true);
            WafIpSetWriter writer = writer(waf, set, new Backoff(Duration.ofMillis(1), Duration.ofMillis(5), 4));
            waf.throttleNext(2);
            writer.converge(new IpSetMerge(Set.of("2001:db8::7/128"), Set.of()));
            assertThat(waf.addresses("id-6")).containsExactlyInAnyOrder("2001:db8:aaaa::/48", "2001:db8::7/128");
            assertThat(meters.counter("periscope.enforcement.aws.errors", "operation", "GetIPSet+UpdateIPSet",
                    "code", "ThrottlingException").count()).isEqualTo(2);

            waf.outage(true);
            assertThatThrownBy(() -> writer.converge(new IpSetMerge(Set.of(), Set.of("2001:db8::7/128"))))
                    .isInstanceOf(PointUnavailableException.class).hasMessageContaining("WAFInternalErrorException");
            waf.outage(false);
            writer.converge(new IpSetMerge(Set.of(), Set.of("2001:db8::7/128")));
            assertThat(waf.addresses("id-6")).containsExactly("2001:db8:aaaa::/48");
        }
    }
}
