package io.periscope.server.roles;

import static org.assertj.core.api.Assertions.assertThat;

import io.periscope.server.roles.RoleHealth.Status;
import org.apache.kafka.streams.KafkaStreams.State;
import org.junit.jupiter.api.Test;

/** Discovery serves only when its Streams client runs with every store restored. */
class DiscoveryRoleStatusTest {
    @Test
    void discoveryIsNotReadyWhileStartingRebalancingOrRestoring() {
        assertThat(DiscoveryRole.status(State.CREATED, 0)).isEqualTo(Status.NOT_READY);
        assertThat(DiscoveryRole.status(State.REBALANCING, 0)).isEqualTo(Status.NOT_READY);
        assertThat(DiscoveryRole.status(State.RUNNING, 3)).isEqualTo(Status.NOT_READY);
        assertThat(DiscoveryRole.status(State.RUNNING, 0)).isEqualTo(Status.UP);
    }

    @Test
    void aStoppedOrFailedClientIsDown() {
        for (State state : new State[] {State.PENDING_SHUTDOWN, State.NOT_RUNNING, State.PENDING_ERROR, State.ERROR}) {
            assertThat(DiscoveryRole.status(state, 0)).as(state.name()).isEqualTo(Status.DOWN);
        }
    }
}
