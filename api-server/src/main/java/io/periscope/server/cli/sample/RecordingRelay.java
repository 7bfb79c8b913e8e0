package io.periscope.server.cli.sample;

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
 * A TCP relay on loopback that forwards each accepted connection to the API server and records the
 * real bytes in both directions, with the time each chunk was read.
 */
final class RecordingRelay implements AutoCloseable {

    /** Bytes read from one side in one read call. */
    record Chunk(boolean fromClient, long timeNanos, byte[] bytes) {
    }

    /** One relayed connection and everything it carried, in the order the relay saw it. */
    static final class Connection {
        final int clientPort;
        final long openedNanos;
        private final List<Chunk> chunks = new ArrayList<>();

        Connection(int clientPort, long openedNanos) {
            this.clientPort = clientPort;
            this.openedNanos = openedNanos;
        }

        synchronized void add(Chunk chunk) {
            chunks.add(chunk);
        }

        synchronized List<Chunk> chunks() {
            return List.copyOf(chunks);
        }
    }

    private final ServerSocket listener;
    private final int serverPort;
    private final List<Connection> connections = new ArrayList<>();
    private final List<Socket> sockets = new ArrayList<>();
    private final Thread acceptor;

    RecordingRelay(int serverPort) throws IOException {
        this.serverPort = serverPort;
        listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        acceptor = new Thread(this::accept, "sample-relay");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port() {
        return listener.getLocalPort();
    }

    private void accept() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                Socket server = new Socket();
                server.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), serverPort));
                Connection connection = new Connection(client.getPort(), System.nanoTime());
                synchronized (this) {
                    connections.add(connection);
                    sockets.add(client);
                    sockets.add(server);
                }
                pump(client, server, connection, true);
                pump(server, client, connection, false);
            } catch (IOException e) {
                return; // listener closed
            }
        }
    }

    private static void pump(Socket from, Socket to, Connection connection, boolean fromClient) {
        Thread t = new Thread(() -> {
            byte[] buffer = new byte[16384];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                int n;
                while ((n = in.read(buffer)) > 0) {
                    // record before forwarding, so the order of chunks is the order on the wire
                    connection.add(new Chunk(fromClient, System.nanoTime(), Arrays.copyOf(buffer, n)));
                    out.write(buffer, 0, n);
                    out.flush();
                }
            } catch (IOException e) {
                // the other side closed: the conversation is over
            }
        }, "sample-relay-pump");
        t.setDaemon(true);
        t.start();
    }

    synchronized List<Connection> connections() {
        return List.copyOf(connections);
    }

    @Override
    public void close() throws IOException {
        listener.close();
        synchronized (this) {
            for (Socket s : sockets) {
                s.close();
            }
        }
    }
}
