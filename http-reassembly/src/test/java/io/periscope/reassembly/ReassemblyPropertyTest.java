package io.periscope.reassembly;

import static org.assertj.core.api.Assertions.assertThat;

import io.periscope.events.http.HttpExchange;
import io.periscope.reassembly.support.Conversation;
import io.periscope.reassembly.support.Harness;
import io.periscope.reassembly.support.Packet;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * Random segmentation, reordering, duplication and loss over a known stream of sequential exchanges:
 * reassembly never throws, and every exchange none of whose bytes were lost comes out whole and
 * correctly paired.
 *
 * <p>Reordering swaps neighbouring packets of the same direction (mirrored traffic of one connection
 * comes from one ENI; what reorders is a burst, not a request overtaken by its own response).
 */
class ReassemblyPropertyTest {

    private record Expected(String path, String responseBody, int reqStart, int reqEnd, int respStart, int respEnd) {
    }

    @Property(tries = 300)
    void perturbedStreamsNeverCrashAndRecoverEveryUntouchedExchange(
            @ForAll @IntRange(min = 1, max = 8) int exchanges,
            @ForAll @IntRange(min = 1, max = 300) int segmentSize,
            @ForAll @IntRange(min = 0, max = 3) int losses,
            @ForAll @IntRange(min = 0, max = 6) int duplicates,
            @ForAll @IntRange(min = 0, max = 10) int swaps,
            @ForAll long seed) {
        Random random = new Random(seed);
        int clientIsn = random.nextInt();
        int serverIsn = random.nextInt();
        Conversation c = Conversation.between("10.3.0.1", 45000, "10.4.0.1", 80).isns(clientIsn, serverIsn)
                .segmentSize(segmentSize).handshake();
        List<Expected> expected = new ArrayList<>();
        int clientPos = clientIsn + 1;
        int serverPos = serverIsn + 1;
        for (int i = 0; i < exchanges; i++) {
            String body = randomBody(random, random.nextInt(400));
            boolean post = random.nextBoolean();
            String request = post
                    ? "POST /e/" + i + " HTTP/1.1\r\nHost: svc\r\nContent-Length: " + body.length() + "\r\n\r\n" + body
                    : "GET /e/" + i + "?q=" + i + " HTTP/1.1\r\nHost: svc\r\nAccept: */*\r\n\r\n";
            String response = random.nextBoolean()
                    ? "HTTP/1.1 200 OK\r\nContent-Length: " + body.length() + "\r\n\r\n" + body
                    : "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n" + chunked(random, body);
            expected.add(new Expected("/e/" + i, body, clientPos, clientPos + request.length(), serverPos, serverPos + response.length()));
            clientPos += request.length();
            serverPos += response.length();
            c.client(request).server(response);
        }
        List<Packet> packets = c.close().packets();

        List<int[]> lostClient = new ArrayList<>();
        List<int[]> lostServer = new ArrayList<>();
        for (int i = 0; i < losses; i++) {
            int idx = randomData(packets, random);
            if (idx >= 0) {
                Packet p = packets.remove(idx);
                (p.fromClient() ? lostClient : lostServer).add(new int[] {p.seq(), p.seq() + p.payload().length});
            }
        }
        for (int i = 0; i < duplicates; i++) {
            int idx = randomData(packets, random);
            if (idx >= 0) {
                packets.add(idx + 1 + random.nextInt(2), packets.get(idx));
            }
        }
        for (int i = 0; i < swaps; i++) {
            int idx = random.nextInt(Math.max(1, packets.size() - 1));
            if (idx + 1 < packets.size() && packets.get(idx).fromClient() == packets.get(idx + 1).fromClient()
                    && packets.get(idx).isData() && packets.get(idx + 1).isData()) {
                packets.add(idx, packets.remove(idx + 1));
            }
        }

        Harness h = new Harness();
        List<HttpExchange> out = h.run(packets);

        Set<String> recovered = new HashSet<>();
        for (HttpExchange e : out) {
            if (e.request() != null && e.response() != null && e.response().body().content().length > 0 || e.request() != null && e.response() != null) {
                recovered.add(e.request().path() + "|" + new String(e.response().body().content(), StandardCharsets.ISO_8859_1));
            }
        }
        for (Expected x : expected) {
            boolean touched = overlaps(lostClient, x.reqStart(), x.reqEnd()) || overlaps(lostServer, x.respStart(), x.respEnd());
            if (!touched) {
                assertThat(recovered).as("untouched exchange %s (lost client %s, server %s; expected %s; got %s)", x.path(),
                        describe(lostClient), describe(lostServer), expected, summary(out)).contains(x.path() + "|" + x.responseBody());
            }
        }
        double messages = h.metric("messages{type=request}") + h.metric("messages{type=response}");
        double fromExchanges = 2 * h.metric("exchanges{pairing=paired}") + h.metric("exchanges{pairing=unpaired_request}")
                + h.metric("exchanges{pairing=unpaired_response}");
        assertThat(fromExchanges).as("messages reconcile with exchanges").isEqualTo(messages);
        assertThat(h.sink.connections()).isZero();
        assertThat(h.sink.bufferedBytes()).isZero();
    }

    private static List<String> summary(List<HttpExchange> out) {
        return out.stream().map(e -> (e.request() == null ? "-" : e.request().path()) + " -> "
                + (e.response() == null ? "-" : e.response().status() + " body " + e.response().body().content().length
                + "/" + e.response().body().wireLength()) + " " + e.flags()).toList();
    }

    private static boolean overlaps(List<int[]> lost, int start, int end) {
        for (int[] l : lost) {
            if (l[0] - end < 0 && start - l[1] < 0) {
                return true;
            }
        }
        return false;
    }

    private static String describe(List<int[]> lost) {
        StringBuilder b = new StringBuilder();
        lost.forEach(l -> b.append('[').append(Integer.toUnsignedString(l[0])).append(',').append(Integer.toUnsignedString(l[1])).append(')'));
        return b.toString();
    }

    private static int randomData(List<Packet> packets, Random random) {
        List<Integer> data = new ArrayList<>();
        for (int i = 0; i < packets.size(); i++) {
            if (packets.get(i).isData()) {
                data.add(i);
            }
        }
        return data.isEmpty() ? -1 : data.get(random.nextInt(data.size()));
    }

    private static String randomBody(Random random, int length) {
        StringBuilder b = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            b.append((char) ('a' + random.nextInt(26)));
        }
        return b.toString();
    }

    private static String chunked(Random random, String body) {
        StringBuilder b = new StringBuilder();
        int i = 0;
        while (i < body.length()) {
            int n = Math.min(body.length() - i, 1 + random.nextInt(100));
            b.append(Integer.toHexString(n)).append(random.nextBoolean() ? ";ext=1" : "").append("\r\n")
                    .append(body, i, i + n).append("\r\n");
            i += n;
        }
        return b.append("0\r\n\r\n").toString();
    }
}
