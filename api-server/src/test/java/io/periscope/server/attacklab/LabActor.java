package io.periscope.server.attacklab;

import java.util.List;

/**
 * Who sent part of the lab's traffic, as the end-to-end test judges it.
 *
 * @param name         what it is ("customer ada.example", "sqlmap", "BOLA script")
 * @param attacker     whether detection must find it
 * @param addresses    the client addresses it sent from ({@code X-Forwarded-For} behind the load balancer)
 * @param users        the JWT subjects it authenticated as (the account ids), empty when anonymous
 * @param expectedType the incident type an attacker's incident must carry; null for benign actors
 * @param skipped      why it did not run (its tool is not installed), null when it ran
 */
public record LabActor(String name, boolean attacker, List<String> addresses, List<String> users, String expectedType,
                String skipped) {

    public LabActor {
        addresses = List.copyOf(addresses);
        users = List.copyOf(users);
    }

    static LabActor benign(String name, List<String> addresses, List<String> users) {
        return new LabActor(name, false, addresses, users, null, null);
    }

    static LabActor attacker(String name, List<String> addresses, List<String> users, String expectedType) {
        return new LabActor(name, true, addresses, users, expectedType, null);
    }

    LabActor skippedBecause(String reason) {
        return new LabActor(name, attacker, addresses, users, expectedType, reason);
    }

    public boolean ran() {
        return skipped == null;
    }
}
