package io.periscope.detection.streams;

import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import io.periscope.detection.behaviour.Peers;
import io.periscope.events.kafka.EventJson;

import java.io.IOException;

/**
 * Reads and writes the stored state of detection (actors, peers) as JSON, sketches as their bytes. A stored value
 * that cannot be read (a format from another build) yields null and is counted by the caller: that actor starts
 * again rather than failing the task.
 */
final class StateCodec {
    private static final ObjectReader ACTOR_READER = EventJson.mapper().readerFor(ActorState.class);
    private static final ObjectWriter ACTOR_WRITER = EventJson.mapper().writerFor(ActorState.class);
    private static final ObjectReader PEERS_READER = EventJson.mapper().readerFor(Peers.class);
    private static final ObjectWriter PEERS_WRITER = EventJson.mapper().writerFor(Peers.class);

    private StateCodec() {
    }

    static ActorState actor(byte[] bytes) {
        try {
            return ACTOR_READER.readValue(bytes);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    static byte[] actor(ActorState state) {
        try {
            return ACTOR_WRITER.writeValueAsBytes(state);
        } catch (IOException e) {
            throw new IllegalStateException("actor state is not serializable", e);
        }
    }

    static Peers peers(byte[] bytes) {
        try {
            return PEERS_READER.readValue(bytes);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    static byte[] peers(Peers peers) {
        try {
            return PEERS_WRITER.writeValueAsBytes(peers);
        } catch (IOException e) {
            throw new IllegalStateException("peer baselines are not serializable", e);
        }
    }
}
