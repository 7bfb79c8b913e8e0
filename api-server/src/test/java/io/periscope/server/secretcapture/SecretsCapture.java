package io.periscope.server.secretcapture;

import io.periscope.server.cli.sample.TrafficRecorder;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * A VXLAN capture of real HTTP traffic full of credentials and personal data (see {@link LighthouseClient}
 * for what travels where), with the ledger of every raw value it carries. Generated afresh by each run:
 * tokens, keys and passwords are random, so nothing a sensor ever stored matches them by chance.
 *
 * @param capture               the pcap file
 * @param vni                   the VXLAN network identifier of the mirror session
 * @param exchanges             how many request/response exchanges it holds (each answered, none failed)
 * @param needles               every raw secret and sensitive value, each distinct
 * @param attackPayloads        attack strings (SQL, script, traversal, JNDI) sent in queries and bodies
 * @param sharedPasswordSignIns request ids of the sign-ins of two accounts that share one password
 * @param tokenIssuedBy         request id of a sign-in whose response body issues an access token ...
 * @param tokenSentBy           ... and of a later request that sends it as {@code Authorization: Bearer}
 */
public record SecretsCapture(Path capture, int vni, int exchanges, List<Needle> needles, List<String> attackPayloads,
                             List<String> sharedPasswordSignIns, String tokenIssuedBy, String tokenSentBy) {
    /** A VNI distinct from the sample capture's, so both can be replayed into one sensor. */
    public static final int VNI = 7340033;
    /** The header each request carries its id in. */
    public static final String REQUEST_ID_HEADER = "X-Request-Id";

    public static SecretsCapture generate(Path output) throws IOException, InterruptedException {
        SecretLedger ledger = new SecretLedger();
        String adminPassword = ledger.add(Needle.Kind.PASSWORD, "inside the Basic credentials of the admin user list",
                new FictionalData(1).password());
        LighthouseClient client = new LighthouseClient(ledger, adminPassword);
        TrafficRecorder.record(output, VNI, new LighthouseApi(ledger, adminPassword), client);
        LighthouseClient.Followed followed = client.followed();
        return new SecretsCapture(output, VNI, client.requestsSent(), ledger.needles(), ledger.attackPayloads(),
                followed.sharedPasswordSignIns(), followed.tokenIssuedBy(), followed.tokenSentBy());
    }
}
