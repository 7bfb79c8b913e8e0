package io.periscope.discovery.stats;

import static org.assertj.core.api.Assertions.assertThat;

import io.periscope.events.catalog.ProbedPath.ClientCount;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TopClientsTest {
    @Test
    void fewClientsAreCountedExactlyMostCallsFirst() {
        TopClients t = new TopClients();
        for (int i = 0; i < 5; i++) {
            t.add("203.0.113.9");
        }
        t.add("198.51.100.7");
        t.add("198.51.100.7");
        t.add("192.0.2.1");
        assertThat(t.top()).containsExactly(new ClientCount("203.0.113.9", 5), new ClientCount("198.51.100.7", 2),
                new ClientCount("192.0.2.1", 1));
    }

    @Test
    void manyClientsStayBoundedSumToTheCallsAndKeepTheHeavyHitter() {
        TopClients t = new TopClients();
        Random r = new Random(7);
        long calls = 0;
        for (int i = 0; i < 10_000; i++) {
            // one scanner sends a third of the calls among thousands of one-off clients
            t.add(i % 3 == 0 ? "203.0.113.66" : "10.0." + r.nextInt(200) + "." + r.nextInt(200));
            calls++;
        }
        List<ClientCount> top = t.top();
        assertThat(top).hasSize(TopClients.CAPACITY);
        assertThat(top.stream().mapToLong(ClientCount::calls).sum()).isEqualTo(calls);
        assertThat(top.get(0).client()).isEqualTo("203.0.113.66");
        // Space-Saving overestimates by at most the smallest kept count
        long smallest = top.get(top.size() - 1).calls();
        assertThat(top.get(0).calls()).isBetween(3334L, 3334L + smallest);
    }

    @Test
    void theCountersRestoreFromTheListTheyShow() {
        TopClients t = new TopClients();
        for (int i = 0; i < 20; i++) {
            t.add("c" + (i % 11));
        }
        assertThat(TopClients.of(t.top()).top()).isEqualTo(t.top());
    }
}
