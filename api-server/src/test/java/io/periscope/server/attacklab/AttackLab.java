package io.periscope.server.attacklab;

import io.periscope.mirror.encode.Frames;
import io.periscope.server.cli.sample.CaptureLayout;
import io.periscope.server.cli.sample.TrafficRecorder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The attack lab: records a capture of a realistic API under attack, for the end-to-end test of detection and for
 * anyone who wants to see Periscope find attackers. The {@link LabApi tea shop API} runs on loopback behind a
 * recording relay; {@link BenignTraffic dozens of customers and visitors} use it while real tools (sqlmap, hydra,
 * ffuf, gobuster; each only if installed) and scripted attackers ({@link BolaAttack BOLA}, {@link ScrapingAttack
 * scraping}, {@link TokenSharingAttack token sharing}, {@link Log4ShellAttack Log4Shell}) attack it, each from its own
 * address in {@code X-Forwarded-For}. The recorded connections arrive from the load balancer's nodes in
 * {@value #PROXY_SUBNET_TEXT} (the trusted proxies) and are written as AWS Traffic Mirroring delivers them (VXLAN, VNI
 * {@value #VNI}), with capture time running {@value #TIME_SCALE} times slower than the recording, so the capture spans
 * several minutes (docs/detection.md, "End to end: the attack lab").
 *
 * <pre>
 * mvn -q -pl api-server -am -Ddependencies.strict=false test-compile dependency:build-classpath \
 *     -Dmdep.outputFile=/tmp/cp.txt -Dmdep.includeScope=test
 * java -cp api-server/target/test-classes:api-server/target/classes:$(cat /tmp/cp.txt) \
 *     io.periscope.server.attacklab.AttackLab /tmp/attack-lab.pcap
 * ./periscope replay /tmp/attack-lab.pcap --to udp://127.0.0.1:4789 --speed 12
 * </pre>
 */
public final class AttackLab {
    public static final int VNI = 4242;
    static final String PROXY_SUBNET_TEXT = "10.0.1.0/24";
    public static final double TIME_SCALE = 6;
    /** The load balancer's subnet: the trusted proxies the capture's connections come from. */
    public static final String PROXY_SUBNET_CIDR = PROXY_SUBNET_TEXT;
    private static final int PROXY_SUBNET = Frames.ipv4Address(10, 0, 1, 0);

    /**
     * One recording.
     *
     * @param packets  packets in the capture
     * @param actors   everyone whose traffic it holds (attackers whose tool is missing: marked skipped)
     * @param recorded how long the recording took
     */
    public record Run(int packets, List<LabActor> actors, Duration recorded) {
    }

    private AttackLab() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            System.err.println("usage: AttackLab OUTPUT.pcap");
            System.exit(2);
        }
        Path output = Path.of(args[0]);
        Run run = generate(output, Files.createTempDirectory("attack-lab"), 1);
        System.out.printf("wrote %s: %d packets in %d s (VNI %d, trusted proxies %s)%n", output, run.packets(),
                run.recorded().toSeconds(), VNI, PROXY_SUBNET_TEXT);
        for (LabActor a : run.actors()) {
            if (a.attacker()) {
                System.out.printf("  %-45s %-28s expect %-20s %s%n", a.name(), String.join(",", a.addresses()),
                        a.expectedType(), a.ran() ? "" : "SKIPPED: " + a.skipped());
            }
        }
    }

    static List<LabAttack> attacks() {
        return List.of(ToolAttack.sqlmap(), ToolAttack.hydra(), ToolAttack.ffuf(), ToolAttack.gobuster(),
                new BolaAttack(), new ScrapingAttack(), new TokenSharingAttack(), new Log4ShellAttack());
    }

    /**
     * Records the lab to {@code capture}.
     *
     * @param workDir where tools keep their word lists and output
     * @param pace    multiplies the benign users' pauses (1: a person's pace)
     */
    public static Run generate(Path capture, Path workDir, double pace) throws IOException, InterruptedException {
        List<LabAttack> runnable = attacks().stream().filter(a -> a.unavailable() == null).toList();
        long started = System.nanoTime();
        int packets = TrafficRecorder.record(capture, VNI, new LabApi(), base -> {
            List<Callable<Void>> tasks = new ArrayList<>(new BenignTraffic(base, pace).people());
            for (int i = 0; i < runnable.size(); i++) {
                LabAttack attack = runnable.get(i);
                long delay = Math.round(1_500 * i * pace); // attacks begin one after the other amid the shopping
                tasks.add(() -> {
                    Thread.sleep(delay);
                    attack.run(base, workDir);
                    return null;
                });
            }
            runAll(tasks);
        }, new CaptureLayout(n -> PROXY_SUBNET | (10 + n % 240), TIME_SCALE));
        return new Run(packets, actors(), Duration.ofNanos(System.nanoTime() - started));
    }

    /** Everyone whose traffic a recording holds, on this machine: attackers whose tool is missing are marked skipped. */
    public static List<LabActor> actors() {
        List<LabActor> actors = new ArrayList<>(BenignTraffic.actors());
        for (LabAttack attack : attacks()) {
            String reason = attack.unavailable();
            actors.add(reason == null ? attack.actor() : attack.actor().skippedBecause(reason));
        }
        return List.copyOf(actors);
    }

    private static void runAll(List<Callable<Void>> tasks) throws IOException, InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(tasks.size());
        try {
            List<Future<Void>> running = new ArrayList<>();
            for (Callable<Void> t : tasks) {
                running.add(pool.submit(t));
            }
            for (Future<Void> f : running) {
                try {
                    f.get();
                } catch (ExecutionException e) {
                    throw new IOException("a lab actor failed", e.getCause());
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
