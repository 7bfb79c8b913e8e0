package io.periscope.mirror.synthetic;

import java.io.IOException;

/** Receives generated frames in capture-time order. */
@FunctionalInterface
public interface PacketSink {
    void accept(long timestampMicros, byte[] frame) throws IOException;
}
