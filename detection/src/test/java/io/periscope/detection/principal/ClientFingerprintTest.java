package io.periscope.detection.principal;

import io.periscope.events.http.Body;
import io.periscope.events.http.Header;
import io.periscope.events.http.HttpRequest;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ClientFingerprintTest {

    static HttpRequest request(String... nameValues) {
        List<Header> headers = new ArrayList<>();
        for (int i = 0; i < nameValues.length; i += 2) {
            headers.add(new Header(nameValues[i], nameValues[i + 1]));
        }
        return new HttpRequest("POST", "/api/login", "/api/login", List.of(), "HTTP/1.1", headers, List.of(), Body.EMPTY);
    }

    @Test
    void oneToolBehindDifferentAddressesProxiesAndSessionsHasOneFingerprint() {
        String a = ClientFingerprint.of(request("Host", "shop.example.test", "User-Agent", "python-requests/2.32",
                "Accept-Encoding", "gzip, deflate", "Accept", "*/*", "Connection", "keep-alive",
                "X-Forwarded-For", "203.0.113.1", "Content-Length", "51", "Content-Type", "application/json"));
        String b = ClientFingerprint.of(request("Host", "api.example.test", "User-Agent", "python-requests/2.32",
                "Accept-Encoding", "gzip, deflate", "Accept", "*/*", "Connection", "keep-alive",
                "X-Forwarded-For", "198.51.100.77, 10.0.0.1", "Content-Length", "64", "Cookie", "s=1",
                "Content-Type", "application/json", "traceparent", "00-abc-def-01"));
        assertThat(a).isEqualTo(b).hasSize(32);
    }

    @Test
    void anotherHeaderOrderOrAnotherAgentIsAnotherClient() {
        String tool = ClientFingerprint.of(request("User-Agent", "curl/8.5", "Accept", "*/*"));
        assertThat(ClientFingerprint.of(request("Accept", "*/*", "User-Agent", "curl/8.5"))).isNotEqualTo(tool);
        assertThat(ClientFingerprint.of(request("User-Agent", "curl/8.6", "Accept", "*/*"))).isNotEqualTo(tool);
        assertThat(ClientFingerprint.of(request("User-Agent", "curl/8.5", "Accept", "application/json"))).isNotEqualTo(tool);
    }

    @Test
    void valuesOfUnlistedHeadersDoNotCountOnlyTheirNames() {
        assertThat(ClientFingerprint.of(request("User-Agent", "x", "X-Client-Version", "1.2")))
                .isEqualTo(ClientFingerprint.of(request("User-Agent", "x", "X-Client-Version", "9.9")));
        assertThat(ClientFingerprint.of(null)).isNull();
    }
}
