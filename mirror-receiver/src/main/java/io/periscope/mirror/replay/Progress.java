package io.periscope.mirror.replay;

/** Told after each packet of a replay how far it got. */
@FunctionalInterface
public interface Progress {
    Progress NONE = (packets, bytes) -> {
    };

    void update(long packetsRead, long bytesSent);
}
