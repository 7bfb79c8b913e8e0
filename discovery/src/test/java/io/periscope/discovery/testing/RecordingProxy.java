package io.periscope.discovery.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;

/**
 * A TCP relay on loopback that records the bytes of each connection in both directions, the way a mirror
 * session sees them. Bytes are recorded before they are relayed, so once a client has its response, both
 * messages of the exchange are recorded.
 */
public final class RecordingProxy implements AutoCloseable {
    /** The bytes of one relayed connection. */
    public static final class Capture {
        public final ByteArrayOutputStream toServer = new ByteArrayOutputStream();
        public final ByteArrayOutputStream toClient = new ByteArrayOutputStream();
        public final int clientPort;

        Capture(int clientPort) {
            this.clientPort = clientPort;
        }

        public synchronized byte[] requests() {
            return toServer.toByteArray();
        }

        public synchronized byte[] responses() {
            return toClient.toByteArray();
        }
    }

    private final ServerSocket server;
    private final InetSocketAddress target;
    private final List<Capture> captures = new ArrayList<>();
    private final List<Socket> sockets = new ArrayList<>();
    private final Thread acceptor;

    public RecordingProxy(InetSocketAddress target) throws IOException {
        this.target = target;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.acceptor = new Thread(this::acceptLoop, "recording-proxy");
        this.acceptor.setDaemon(true);
        this.acceptor.start();
    }

    public int port() {
        return server.getLocalPort();
    }

    public synchronized List<Capture> captures() {
        return List.copyOf(captures);
    }

    /** Forgets what was recorded so far (connections stay open and keep recording into new captures only when new). */
    public synchronized void reset() {
        captures.clear();
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                Socket upstream = new Socket(target.getAddress(), target.getPort());
                Capture c = new Capture(client.getPort());
                synchronized (this) {
                    captures.add(c);
                    sockets.add(client);
                    sockets.add(upstream);
                }
                pump(client.getInputStream(), upstream.getOutputStream(), c, true);
                pump(upstream.getInputStream(), client.getOutputStream(), c, false);
            } catch (IOException e) {
                return;
            }
        }
    }

    private static void pump(InputStream in, OutputStream out, Capture c, boolean toServer) {
        Thread t = new Thread(() -> {
            byte[] buf = new byte[8192];
            try {
                int n;
                while ((n = in.read(buf)) > 0) {
                    synchronized (c) {
                        (toServer ? c.toServer : c.toClient).write(buf, 0, n);
                    }
                    out.write(buf, 0, n);
                    out.flush();
                }
            } catch (IOException e) {
                // connection closed
            } finally {
                try {
                    out.close();
                } catch (IOException ignored) {
                    // already closed
                }
            }
        }, "recording-proxy-pump");
        t.setDaemon(true);
        t.start();
    }

    @Override
    public void close() throws IOException {
        server.close();
        synchronized (this) {
            for (Socket s : sockets) {
                s.close();
            }
        }
    }
}
