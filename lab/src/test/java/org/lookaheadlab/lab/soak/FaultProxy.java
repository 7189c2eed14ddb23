package org.lookaheadlab.lab.soak;

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
 * A TCP proxy on loopback between the workers and PostgreSQL that injects network faults on command:
 * <ul>
 *   <li>{@link #dropAll()}: every open connection is reset (RST), as a router or a restarted load balancer does;</li>
 *   <li>{@link #delay(long)}: every chunk of bytes is held that many milliseconds before it is forwarded (0: off);</li>
 *   <li>{@link #halfOpen(boolean)}: while on, every open connection and every new one goes silent for good — no
 *       byte is forwarded either way and nothing is closed, as when the peer's machine vanishes without a FIN or
 *       RST. Such a connection stays dead after the window; only the client's own timeout can free it (the
 *       server side is closed 20 s after the client closed it, as a server's TCP keepalive would notice).</li>
 * </ul>
 */
final class FaultProxy implements AutoCloseable {

    private final ServerSocket server;
    private final int upstreamPort;
    private final List<Link> links = new ArrayList<>();
    private volatile long delayMillis;
    private volatile boolean halfOpen;

    /** One proxied connection: client and upstream sockets; dead once blackholed. */
    private static final class Link {
        final Socket client;
        final Socket upstream;
        volatile boolean dead;

        Link(Socket client, Socket upstream) {
            this.client = client;
            this.upstream = upstream;
        }

        void reset() {
            for (Socket s : List.of(client, upstream)) {
                try {
                    s.setSoLinger(true, 0); // close with RST
                    s.close();
                } catch (IOException ignored) {
                    // already gone
                }
            }
        }
    }

    FaultProxy(int upstreamPort) throws IOException {
        this.upstreamPort = upstreamPort;
        server = new ServerSocket();
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        Thread acceptor = new Thread(this::acceptLoop, "soak-proxy-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port() {
        return server.getLocalPort();
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            Socket client;
            try {
                client = server.accept();
            } catch (IOException e) {
                return;
            }
            Socket upstream = new Socket();
            try {
                upstream.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), upstreamPort), 5000);
            } catch (IOException e) {
                new Link(client, upstream).reset(); // server down: the client sees the connection refused/reset
                continue;
            }
            Link link = new Link(client, upstream);
            link.dead = halfOpen;
            synchronized (links) {
                links.removeIf(l -> l.client.isClosed() && l.upstream.isClosed());
                links.add(link);
            }
            pump(link, client, upstream, "up");
            pump(link, upstream, client, "down");
        }
    }

    /** How long after a silent connection's client gives up the server side notices (its TCP keepalive). */
    private static final long SERVER_NOTICES_MILLIS = 20_000;

    private void pump(Link link, Socket from, Socket to, String way) {
        Thread t = new Thread(() -> {
            byte[] buf = new byte[16384];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                int n;
                while ((n = in.read(buf)) >= 0) {
                    if (link.dead) {
                        continue; // silent: the bytes reach nobody, nothing is closed
                    }
                    long d = delayMillis;
                    if (d > 0) {
                        Thread.sleep(d);
                    }
                    out.write(buf, 0, n);
                    out.flush();
                }
            } catch (IOException | InterruptedException e) {
                // one side closed or was reset
            }
            if (!link.dead) {
                link.reset();
            } else if (way.equals("up")) {
                try {
                    Thread.sleep(SERVER_NOTICES_MILLIS); // the client gave up; the server notices later
                } catch (InterruptedException ignored) {
                    // close now
                }
                link.reset();
            }
        }, "soak-proxy-" + way);
        t.setDaemon(true);
        t.start();
    }

    /** Resets every open connection; returns how many there were. */
    int dropAll() {
        synchronized (links) {
            int n = 0;
            for (Link l : links) {
                if (!l.dead && !l.client.isClosed()) {
                    n++;
                }
                if (!l.dead) {
                    l.reset();
                }
            }
            links.removeIf(l -> !l.dead);
            return n;
        }
    }

    void delay(long millis) {
        delayMillis = millis;
    }

    /** Turns the half-open window on (open connections go silent for good) or off; returns the connections hit. */
    int halfOpen(boolean on) {
        halfOpen = on;
        int n = 0;
        if (on) {
            synchronized (links) {
                for (Link l : links) {
                    if (!l.dead && !l.client.isClosed()) {
                        l.dead = true;
                        n++;
                    }
                }
            }
        }
        return n;
    }

    /** Connections that went silent and are still held open by their client. */
    int silentConnections() {
        synchronized (links) {
            return (int) links.stream().filter(l -> l.dead && !l.client.isClosed()).count();
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        synchronized (links) {
            links.forEach(Link::reset);
            links.clear();
        }
    }
}
