package io.periscope.mirror.synthetic;

import io.periscope.segment.TcpSegment;

import java.util.Random;

/**
 * One generated keep-alive connection, advanced one step at a time so that thousands interleave:
 * handshake, then batches of requests (one, or two to three pipelined) each followed by a step with
 * their responses, then the FIN exchange. Segments are MSS-sized; the receiver of a response sends a
 * delayed ACK after every second segment, as Linux does.
 *
 * <p>Holds a few fields only: a batch's calls are regenerated from the batch seed when its responses
 * are sent instead of being kept, so 23,000 open connections cost a few MiB.
 */
final class TcpFlow {
    static final int MSS = 1448;

    /** Writes one packet of a flow into the capture. */
    interface Wire {
        void send(TcpFlow flow, boolean fromClient, int flags, byte[] payload, int offset, int length);
    }

    private enum Phase { HANDSHAKE, REQUESTS, RESPONSES, CLOSE, DONE }

    final long id;
    final int clientAddress;
    final int clientPort;
    final int serverAddress;
    final int serverPort = 8080;
    int clientSeq;
    int serverSeq;
    int clientIpId;
    int serverIpId;

    private final int host;
    private final int agent;
    private final String token;
    private final int totalExchanges;
    private int sentExchanges;
    private int batchSize;
    private long batchSeed;
    private Phase phase = Phase.HANDSHAKE;

    TcpFlow(long id, Random random, int meanExchanges) {
        this.id = id;
        // 2,000 client addresses with up to 60,000 ports each: unique among all connections below 120 M
        int client = (int) (id % 2000);
        this.clientAddress = (10 << 24) | (1 << 16) | ((client / 250) << 8) | (1 + client % 250);
        this.clientPort = 1024 + (int) ((id / 2000) % 60_000);
        this.host = random.nextInt(ApiCalls.hosts());
        this.serverAddress = (10 << 24) | (10 + host);
        this.agent = random.nextInt(1 << 16);
        this.token = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ1c2VyLSIsImlkIjo" + Long.toString(id, 36) + "In0."
                + Long.toHexString(random.nextLong()) + Long.toHexString(random.nextLong());
        this.totalExchanges = 1 + random.nextInt(2 * meanExchanges - 1);
        this.clientSeq = random.nextInt();
        this.serverSeq = random.nextInt();
        this.clientIpId = random.nextInt(0x10000);
        this.serverIpId = random.nextInt(0x10000);
    }

    int exchanges() {
        return totalExchanges;
    }

    /** Emits the next step's packets; false once the connection has closed. */
    boolean step(Random random, ApiCalls calls, int pipelinedPercent, Wire wire) {
        switch (phase) {
            case HANDSHAKE -> {
                wire.send(this, true, TcpSegment.SYN, null, 0, 0);
                clientSeq++;
                wire.send(this, false, TcpSegment.SYN | TcpSegment.ACK, null, 0, 0);
                serverSeq++;
                wire.send(this, true, TcpSegment.ACK, null, 0, 0);
                phase = Phase.REQUESTS;
            }
            case REQUESTS -> {
                int remaining = totalExchanges - sentExchanges;
                batchSize = remaining > 1 && random.nextInt(100) < pipelinedPercent ? Math.min(remaining, 2 + random.nextInt(2)) : 1;
                batchSeed = random.nextLong();
                Random batch = new Random(batchSeed);
                for (int i = 0; i < batchSize; i++) {
                    send(wire, true, calls.next(batch, host, agent, requestId(sentExchanges + i), token).request());
                }
                phase = Phase.RESPONSES;
            }
            case RESPONSES -> {
                Random batch = new Random(batchSeed);
                for (int i = 0; i < batchSize; i++) {
                    send(wire, false, calls.next(batch, host, agent, requestId(sentExchanges + i), token).response());
                }
                sentExchanges += batchSize;
                phase = sentExchanges == totalExchanges ? Phase.CLOSE : Phase.REQUESTS;
            }
            case CLOSE -> {
                wire.send(this, true, TcpSegment.FIN | TcpSegment.ACK, null, 0, 0);
                clientSeq++;
                wire.send(this, false, TcpSegment.FIN | TcpSegment.ACK, null, 0, 0);
                serverSeq++;
                wire.send(this, true, TcpSegment.ACK, null, 0, 0);
                phase = Phase.DONE;
            }
            case DONE -> {
                return false;
            }
        }
        return phase != Phase.DONE;
    }

    private String requestId(int exchange) {
        return Long.toString(id, 36) + "-" + exchange;
    }

    /** One message in MSS-sized segments, PSH on the last; the peer acknowledges every second segment and the end. */
    private void send(Wire wire, boolean fromClient, byte[] message) {
        int segments = 0;
        for (int off = 0; off < message.length; off += MSS) {
            int n = Math.min(MSS, message.length - off);
            boolean last = off + n == message.length;
            wire.send(this, fromClient, TcpSegment.ACK | (last ? TcpSegment.PSH : 0), message, off, n);
            if (fromClient) {
                clientSeq += n;
            } else {
                serverSeq += n;
            }
            if (++segments % 2 == 0 || last) {
                wire.send(this, !fromClient, TcpSegment.ACK, null, 0, 0);
            }
        }
    }
}
