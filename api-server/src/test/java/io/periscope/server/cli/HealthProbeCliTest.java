package io.periscope.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HealthProbeCliTest {

    @Test
    void aLiveServerOnTheConfiguredPortGivesExitStatusZeroAndAnUnhealthyOneGivesOne() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/health/live", x -> {
            x.sendResponseHeaders(200, -1);
            x.close();
        });
        server.createContext("/health", x -> {
            x.sendResponseHeaders(503, -1);
            x.close();
        });
        server.start();
        try {
            String port = Integer.toString(server.getAddress().getPort());
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            assertThat(HealthProbeCli.run(new String[0], Map.of("PERISCOPE_HTTP_PORT", port), new PrintStream(out))).isZero();
            assertThat(out.toString(StandardCharsets.UTF_8)).contains("answered 200");
            assertThat(HealthProbeCli.run(new String[] {"http://127.0.0.1:" + port + "/health"}, Map.of(),
                    new PrintStream(new ByteArrayOutputStream()))).isEqualTo(1);
        } finally {
            server.stop(0);
        }
    }

    @Test
    void nothingListeningGivesExitStatusOneWithoutAStackTrace() throws Exception {
        int free;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            free = s.getLocalPort();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThat(HealthProbeCli.run(new String[0], Map.of("PERISCOPE_HTTP_PORT", Integer.toString(free)), new PrintStream(out)))
                .isEqualTo(1);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("unreachable").doesNotContain("Exception:");
    }

    @Test
    void aMalformedUrlIsAUsageErrorNotACrash() {
        assertThat(HealthProbeCli.run(new String[] {"http://[::1"}, Map.of(), new PrintStream(new ByteArrayOutputStream())))
                .isEqualTo(2);
    }
}
