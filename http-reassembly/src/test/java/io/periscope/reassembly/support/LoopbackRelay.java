package io.periscope.reassembly.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A loopback TCP relay between a real HTTP client and a real HTTP server that records the bytes each
 * side sent, in the order the relay read them, so tests replay genuine traffic as TCP segments.
 */
public final class LoopbackRelay implements AutoCloseable {

    /** Bytes one side sent in one read. */
    public record Chunk(boolean fromClient, byte[] bytes) {
    }

    private final ServerSocket listener;
    private final int target;
    private final List<List<Chunk>> connections = new ArrayList<>();
    private final List<Socket> sockets = new ArrayList<>();

    public LoopbackRelay(int targetPort) throws IOException {
        target = targetPort;
        listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread t = new Thread(this::acceptLoop, "test-relay");
        t.setDaemon(true);
        t.start();
    }

    public int port() {
        return listener.getLocalPort();
    }

    private void acceptLoop() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                Socket server = new Socket();
                server.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), target));
                List<Chunk> chunks = new ArrayList<>();
                synchronized (this) {
                    connections.add(chunks);
                    sockets.add(client);
                    sockets.add(server);
                }
                pump(client, server, chunks, true);
                pump(server, client, chunks, false);
            } catch (IOException e) {
                return;
            }
        }
    }

    private void pump(Socket from, Socket to, List<Chunk> chunks, boolean fromClient) {
        Thread t = new Thread(() -> {
            byte[] buf = new byte[8192];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                int n;
                while ((n = in.read(buf)) > 0) {
                    synchronized (this) {
                        chunks.add(new Chunk(fromClient, Arrays.copyOf(buf, n))); // recorded before forwarding
                    }
                    out.write(buf, 0, n);
                    out.flush();
                }
            } catch (IOException e) {
                // peer closed
            }
        }, "test-relay-pump");
        t.setDaemon(true);
        t.start();
    }

    /** The recorded connections, each as the packets of a full TCP conversation (handshake to FIN). */
    public synchronized List<List<Packet>> conversations() {
        List<List<Packet>> out = new ArrayList<>();
        int port = 41000;
        for (List<Chunk> chunks : connections) {
            Conversation c = Conversation.between("10.0.0.20", port++, "10.0.0.80", 8080).handshake();
            for (Chunk chunk : chunks) {
                if (chunk.fromClient()) {
                    c.client(chunk.bytes());
                } else {
                    c.server(chunk.bytes());
                }
            }
            out.add(c.close().packets());
        }
        return out;
    }

    @Override
    public synchronized void close() throws IOException {
        listener.close();
        for (Socket s : sockets) {
            s.close();
        }
    }
}
