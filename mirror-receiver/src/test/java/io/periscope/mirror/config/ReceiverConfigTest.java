package io.periscope.mirror.config;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ReceiverConfigTest {

    @Test
    void defaultsAreValid() {
        assertThatCode(ReceiverConfig::defaults).doesNotThrowAnyException();
    }

    @Test
    void invalidValuesNameTheFullKeyAndTheValue() {
        assertThatThrownBy(() -> new UdpConfig(true, "0.0.0.0", 70000, 0, 2, 1 << 20, 64, 9216, true))
                .isInstanceOf(ConfigException.class).hasMessage("periscope.mirror.udp.port must be between 0 and 65535, got 70000");
        assertThatThrownBy(() -> new UdpConfig(true, "0.0.0.0", 4789, 4789, 2, 1 << 20, 64, 9216, true))
                .hasMessage("periscope.mirror.udp.geneve-port must differ from udp.port, got 4789");
        assertThatThrownBy(() -> new UdpConfig(true, " ", 4789, 0, 2, 1 << 20, 64, 9216, true))
                .hasMessage("periscope.mirror.udp.bind-address must not be blank, got \" \"");
        assertThatThrownBy(() -> new DispatchConfig(2, 1 << 20))
                .hasMessage("periscope.mirror.dispatch.queue-bytes must be between 1 MiB and 1 GiB per worker (2 workers), got 1048576");
        assertThatThrownBy(() -> new DedupConfig(true, Duration.ZERO, 1024))
                .hasMessage("periscope.mirror.dedup.window must be more than 0 and at most 1s, got PT0S");
        assertThatThrownBy(() -> new DecoderConfig(Set.of(4789), Set.of(4789), 3, 4))
                .hasMessage("periscope.mirror.decoder.geneve-ports must not also be listed in decoder.vxlan-ports, got 4789");
        assertThatThrownBy(() -> new SessionConfig(Map.of(1 << 24, "x"), SessionConfig.UnknownVniPolicy.ACCEPT, "u", "d"))
                .hasMessage("periscope.mirror.sessions.vni must be between 0 and 16777215, got 16777216");
        assertThatThrownBy(() -> new SessionConfig(Map.of(7, ""), SessionConfig.UnknownVniPolicy.ACCEPT, "u", "d"))
                .hasMessage("periscope.mirror.sessions.vni.7 must not be blank, got \"\"");
        assertThatThrownBy(() -> new LiveCaptureConfig("eth0", "", 10, true, Duration.ofMillis(10)))
                .hasMessage("periscope.mirror.live.snap-length must be between 64 and 262144, got 10");
    }
}
