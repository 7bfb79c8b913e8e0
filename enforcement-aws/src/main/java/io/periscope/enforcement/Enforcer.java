package io.periscope.enforcement;

import io.periscope.enforcement.apigateway.ApiKeySwitch;
import io.periscope.enforcement.apigateway.DenyStatement;
import io.periscope.enforcement.apigateway.RestApiPolicyWriter;
import io.periscope.enforcement.audit.AuditLog;
import io.periscope.enforcement.audit.AuditTrail;
import io.periscope.enforcement.audit.EffectivenessWatch;
import io.periscope.enforcement.audit.ExchangeFeed;
import io.periscope.enforcement.block.AutoBlocker;
import io.periscope.enforcement.block.BlockBook;
import io.periscope.enforcement.block.IncidentIntake;
import io.periscope.enforcement.block.ManualBlocks;
import io.periscope.enforcement.finding.FindingLog;
import io.periscope.enforcement.policy.EnforcementMode;
import io.periscope.enforcement.reconcile.AwsCalls;
import io.periscope.enforcement.reconcile.MutationPacer;
import io.periscope.enforcement.reconcile.Reconciler;
import io.periscope.enforcement.safety.BlockSafety;
import io.periscope.enforcement.store.SharedTopic;
import io.periscope.enforcement.waf.IpSetSettings;
import io.periscope.enforcement.waf.WafIpSetWriter;
import io.periscope.events.enforcement.AllowlistEntry;
import io.periscope.events.enforcement.AuditAction;
import io.periscope.events.enforcement.BlockRecord;
import io.periscope.events.kafka.SkipCounter;
import io.periscope.events.kafka.Topics;
import io.periscope.events.time.EpochMicros;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.services.apigateway.ApiGatewayClient;
import software.amazon.awssdk.services.wafv2.Wafv2Client;

/**
 * The enforcement stage, wired: incidents → {@link AutoBlocker} → block records → {@link Reconciler} → AWS, plus the
 * admin operations (manual block, unblock, allowlist) and the audit trail for the API.
 *
 * <p>By mode: {@code off} reads nothing and runs nothing (the API still lists records); {@code dry-run} decides,
 * records and audits, and never creates an AWS client; {@code enforce} also reconciles every
 * {@link EnforcementSettings#reconcileInterval()} and watches mirrored traffic for blocks that are not effective.
 */
public final class Enforcer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Enforcer.class);

    private final EnforcementSettings settings;
    private final Map<String, Object> client;
    private final InstantSource clock;
    private final MeterRegistry meters;
    private final AwsCredentialsProvider credentials;
    private final SkipCounter skips;
    private final List<AutoCloseable> resources = new ArrayList<>();
    private final AtomicLong rounds = new AtomicLong();
    private final AtomicLong incompleteRounds = new AtomicLong();
    private SharedTopic<AllowlistEntry> allowlist;
    private BlockBook book;
    private AuditLog audit;
    private AuditTrail trail;
    private ManualBlocks manual;
    private IncidentIntake intake;
    private Reconciler reconciler;
    private Thread reconcileThread;
    private volatile boolean running;

    /** AWS credentials from the default provider chain (instance profile, environment, profile). */
    public Enforcer(EnforcementSettings settings, Map<String, Object> clientProperties, InstantSource clock,
                    MeterRegistry meters) {
        this(settings, clientProperties, clock, meters, null);
    }

    /** @param credentials null: the default provider chain */
    public Enforcer(EnforcementSettings settings, Map<String, Object> clientProperties, InstantSource clock,
                    MeterRegistry meters, AwsCredentialsProvider credentials) {
        this.settings = settings;
        this.client = Map.copyOf(clientProperties);
        this.clock = clock;
        this.meters = meters;
        this.credentials = credentials;
        this.skips = (topic, reason) -> meters.counter("periscope.enforcement.skipped", "topic", topic,
                "reason", reason.name()).increment();
    }

    public Enforcer start(Duration startupTimeout) throws InterruptedException {
        running = true;
        allowlist = keep(new SharedTopic<>(client, Topics.ENFORCEMENT_ALLOWLIST, AllowlistEntry.class, skips))
                .start(startupTimeout);
        SharedTopic<BlockRecord> blocks = keep(new SharedTopic<>(client, Topics.BLOCKS, BlockRecord.class, skips))
                .start(startupTimeout);
        book = new BlockBook(blocks);
        audit = keep(new AuditLog(client, clock, meters));
        FindingLog findings = keep(new FindingLog(client, clock, meters));
        trail = keep(new AuditTrail(client, 1_000, skips)).start();
        BlockSafety safety = new BlockSafety(settings.safety(),
                () -> allowlist.values().stream().map(AllowlistEntry::cidr).toList());
        manual = new ManualBlocks(settings.policy(), safety, book, audit, clock);
        EnforcementMode mode = settings.policy().mode();
        if (mode == EnforcementMode.OFF) {
            return this;
        }
        AutoBlocker blocker = new AutoBlocker(settings.policy(), safety, book, audit, findings,
                settings.apiGateway().apiKeys(), clock, meters);
        intake = keep(new IncidentIntake(client, blocker, skips)).start();
        if (mode == EnforcementMode.ENFORCE) {
            reconciler = buildReconciler();
            reconcileThread = new Thread(this::reconcileLoop, "enforcement-reconcile");
            reconcileThread.setDaemon(true);
            reconcileThread.start();
            EffectivenessWatch watch = new EffectivenessWatch(book, audit, findings, settings.propagationWindow(), clock,
                    meters);
            keep(new ExchangeFeed(client, watch, skips)).start();
        }
        return this;
    }

    private Reconciler buildReconciler() {
        AwsClients aws = new AwsClients(settings.region(), settings.endpointOverride(), settings.apiGatewayEndpoint());
        AwsCalls calls = new AwsCalls(settings.backoff(), audit, meters);
        List<WafIpSetWriter> ipSets = new ArrayList<>();
        if (settings.wafIpv4() != null || settings.wafIpv6() != null) {
            Wafv2Client waf = keep(aws.waf(credentials));
            for (IpSetSettings set : new IpSetSettings[] {settings.wafIpv4(), settings.wafIpv6()}) {
                if (set != null) {
                    ipSets.add(new WafIpSetWriter(waf, set, calls, new MutationPacer(settings.mutationInterval())));
                }
            }
        }
        List<RestApiPolicyWriter> policies = new ArrayList<>();
        ApiKeySwitch keys = null;
        if (!settings.apiGateway().restApis().isEmpty() || !settings.apiGateway().apiKeys().isEmpty()) {
            ApiGatewayClient apiGateway = keep(aws.apiGateway(credentials));
            DenyStatement statement = new DenyStatement(settings.apiGateway().sid(), settings.apiGateway().maxPolicyChars());
            settings.apiGateway().restApis().forEach((api, stages) ->
                    policies.add(new RestApiPolicyWriter(apiGateway, api, stages, statement, calls)));
            if (!settings.apiGateway().apiKeys().isEmpty()) {
                keys = new ApiKeySwitch(apiGateway, calls);
            }
        }
        return new Reconciler(book, ipSets, policies, keys, audit, clock, meters);
    }

    private void reconcileLoop() {
        while (running) {
            try {
                boolean complete;
                synchronized (reconciler) {
                    complete = reconciler.round();
                }
                if (!complete) {
                    incompleteRounds.incrementAndGet();
                }
                rounds.incrementAndGet();
                Thread.sleep(settings.reconcileInterval().toMillis());
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                // a Kafka write failure or a bug must not end enforcement: the next round starts from the records
                incompleteRounds.incrementAndGet();
                LOG.warn("reconcile round failed: {}", e.toString());
            }
        }
    }

    private <T extends AutoCloseable> T keep(T resource) {
        resources.add(resource);
        return resource;
    }

    public EnforcementMode mode() {
        return settings.policy().mode();
    }

    public List<BlockRecord> blocks() {
        return book.list();
    }

    public Optional<BlockRecord> block(String id) {
        return book.byId(id);
    }

    public ManualBlocks.Result blockManually(String target, String reason, String admin, Duration ttl) {
        return manual.block(target, reason, admin, ttl);
    }

    public Optional<BlockRecord> unblock(String id, String reason, String admin) {
        return manual.unblock(id, reason, admin);
    }

    public List<io.periscope.events.enforcement.AuditEntry> audit(int limit, String target) {
        return trail.recent(limit, target);
    }

    public Collection<AllowlistEntry> allowlist() {
        return allowlist.values();
    }

    /** Adds an allowlist entry; empty when {@code cidr} is not an address or CIDR. */
    public Optional<AllowlistEntry> allow(String cidr, String note, String admin) {
        String canonical = BlockSafety.canonicalCidr(cidr);
        if (canonical == null) {
            return Optional.empty();
        }
        AllowlistEntry entry = new AllowlistEntry(AllowlistEntry.SCHEMA_VERSION, canonical, note, "admin:" + admin,
                EpochMicros.now(clock));
        allowlist.put(canonical, entry);
        audit.record(AuditAction.ALLOWLIST_CHANGED, canonical, null, null, "admin:" + admin, null, "added", note);
        return Optional.of(entry);
    }

    /** Removes an allowlist entry; false when there was none. */
    public boolean disallow(String cidr, String admin) {
        String canonical = BlockSafety.canonicalCidr(cidr);
        if (canonical == null || allowlist.get(canonical).isEmpty()) {
            return false;
        }
        allowlist.put(canonical, null);
        audit.record(AuditAction.ALLOWLIST_CHANGED, canonical, null, null, "admin:" + admin, null, "removed", null);
        return true;
    }

    public long reconcileRounds() {
        return rounds.get();
    }

    public long incompleteRounds() {
        return incompleteRounds.get();
    }

    public long incidentsConsumed() {
        return intake == null ? 0 : intake.consumed();
    }

    /** Runs one reconcile round now (enforce mode only); for the API's "apply now" and for tests. */
    public boolean reconcileNow() throws InterruptedException {
        if (reconciler == null) {
            return false;
        }
        synchronized (reconciler) {
            return reconciler.round();
        }
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        if (reconcileThread != null) {
            reconcileThread.interrupt();
            reconcileThread.join(10_000);
        }
        for (int i = resources.size() - 1; i >= 0; i--) {
            try {
                resources.get(i).close();
            } catch (InterruptedException e) {
                throw e;
            } catch (Exception e) {
                LOG.warn("closing {} failed: {}", resources.get(i).getClass().getSimpleName(), e.toString());
            }
        }
    }
}
