package io.periscope.server;

import io.periscope.events.http.Body;
import io.periscope.events.http.ClientIpSource;
import io.periscope.events.http.Connection;
import io.periscope.events.http.Credential;
import io.periscope.events.http.Header;
import io.periscope.events.http.HttpExchange;
import io.periscope.events.http.HttpRequest;
import io.periscope.events.http.HttpResponse;
import io.periscope.events.http.MirrorSource;
import io.periscope.events.http.Timings;
import io.periscope.events.kafka.JsonSerde;
import io.periscope.events.kafka.Topics;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Exchanges as the sensor publishes them, for tests that need the detection role to open an incident. */
final class DetectionFixture {
    private DetectionFixture() {
    }

    /**
     * Thirty failed sign-ins of as many accounts from {@code attacker} (credential stuffing) and one successful
     * sign-in of a benign user, ten minutes ago in event time.
     */
    static void publishStuffingAttack(TestApp app, String attacker, String benign) {
        long t = (System.currentTimeMillis() - 600_000) * 1000;
        List<HttpExchange> exchanges = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            exchanges.add(signIn(attacker, "victim" + i, String.format("%032x", 900 + i), 401, t += 1_000_000));
        }
        exchanges.add(signIn(benign, "alice", String.format("%032x", 5), 200, t + 1_000_000));
        try (KafkaProducer<String, HttpExchange> producer = new KafkaProducer<>(app.kafkaClientProperties(),
                new StringSerializer(), JsonSerde.of(HttpExchange.class))) {
            for (HttpExchange e : exchanges) {
                producer.send(new ProducerRecord<>(Topics.EXCHANGES, e.serviceKey(), e));
            }
        }
    }

    static HttpExchange signIn(String ip, String login, String password, int status, long micros) {
        String body = "{\"username\":\"" + login + "\",\"password\":\"[redacted:Password:" + password + "]\"}";
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        HttpRequest request = new HttpRequest("POST", "/api/login", "/api/login", List.of(), "HTTP/1.1",
                List.of(new Header("Host", "shop.example.test"), new Header("User-Agent", "python-requests/2.32")),
                List.of(), new Body(bytes, bytes.length, bytes.length, false, "application/json", List.of(), false));
        HttpResponse response = new HttpResponse("HTTP/1.1", status, "", List.of(), List.of(), List.of(), Body.EMPTY);
        String conn = ip + ":" + micros;
        return new HttpExchange(HttpExchange.SCHEMA_VERSION, conn + ":0", new MirrorSource("default", 7, "test"),
                new Connection(conn, "10.0.0.2", 40000, "10.0.1.5", 8080), ip, ClientIpSource.X_FORWARDED_FOR,
                "shop.example.test", request, response, new Timings(micros, micros + 100, micros + 2000, micros + 2500),
                Set.of(), List.of(new Credential(Credential.Location.BODY, "/password", "Password", password, null, null)));
    }
}
