package io.periscope.server.attacklab;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Token sharing / session hijack: the team account's token, signed in once, is used at the same time from five
 * addresses with five different clients.
 */
final class TokenSharingAttack implements LabAttack {
    static final List<String> ADDRESSES = List.of("203.0.113.71", "203.0.113.72", "203.0.113.73", "203.0.113.74", "203.0.113.75");
    private static final List<String> AGENTS = List.of("curl/8.5.0", "PostmanRuntime/7.37.3", "python-requests/2.31.0",
            "Go-http-client/1.1", "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Safari/537.36");

    @Override
    public LabActor actor() {
        return LabActor.attacker("token sharing script (one token, five places)", ADDRESSES, List.of(LabData.SHARED.id()), "TOKEN_SHARING");
    }

    @Override
    public void run(String base, Path workDir) throws IOException, InterruptedException {
        String token = new LabClient(base, ADDRESSES.get(0), AGENTS.get(0)).signIn(LabData.SHARED.username(), LabData.SHARED.password());
        List<LabClient> holders = new ArrayList<>();
        for (int i = 0; i < ADDRESSES.size(); i++) {
            holders.add(new LabClient(base, ADDRESSES.get(i), AGENTS.get(i)));
        }
        for (int round = 0; round < 3; round++) {
            for (LabClient holder : holders) {
                holder.get("/api/v1/me", token);
                holder.get("/api/v1/orders", token);
                Thread.sleep(150);
            }
        }
    }
}
