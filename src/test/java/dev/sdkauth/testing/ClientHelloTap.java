package dev.sdkauth.testing;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A loopback TCP relay in front of a TLS server that reads the first record each client sends, its ClientHello,
 * and notes what it offers, before passing every byte on unchanged in both directions. What a test wants from it:
 * whether a client offered to resume a session (a TLS 1.3 {@code pre_shared_key}, a non-empty TLS 1.2 session
 * ticket), which only a client that has talked to this server before can do.
 */
public final class ClientHelloTap implements AutoCloseable {
    /** TLS extension numbers (RFC 8446, section 4.2). */
    private static final int SESSION_TICKET = 35;
    private static final int PRE_SHARED_KEY = 41;

    /** What one ClientHello offered: its extension numbers, and whether it carried a session ticket. */
    public record Hello(List<Integer> extensions, boolean ticket) {
        /** Whether it offers to resume an earlier session. */
        public boolean offersSession() {
            return extensions.contains(PRE_SHARED_KEY) || ticket;
        }
    }

    private final ServerSocket listener;
    private final int target;
    private final List<Hello> hellos = new CopyOnWriteArrayList<>();
    private final List<String> problems = new CopyOnWriteArrayList<>();
    private final List<Socket> open = new CopyOnWriteArrayList<>();

    /** Relays 127.0.0.1:{@link #port()} to 127.0.0.1:{@code targetPort}. */
    public ClientHelloTap(int targetPort) {
        this.target = targetPort;
        try {
            listener = new ServerSocket(0, 16, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Thread accepting = new Thread(this::accept, "client-hello-tap");
        accepting.setDaemon(true);
        accepting.start();
    }

    public int port() {
        return listener.getLocalPort();
    }

    /** Every ClientHello seen, in order of connection. */
    public List<Hello> hellos() {
        return List.copyOf(hellos);
    }

    /** Connections whose first record was not a ClientHello this tap could read. */
    public List<String> problems() {
        return List.copyOf(problems);
    }

    /** Cuts every relayed connection, as a server that closes idle connections does. */
    public void cut() {
        for (Socket socket : open) {
            try {
                socket.close();
            } catch (IOException closed) {
                // closed is what was wanted
            }
        }
        open.clear();
    }

    private void accept() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                Socket server = new Socket(InetAddress.getLoopbackAddress(), target);
                open.add(client);
                open.add(server);
                Thread relay = new Thread(() -> relay(client, server), "client-hello-tap-relay");
                relay.setDaemon(true);
                relay.start();
            } catch (IOException stopped) {
                return;
            }
        }
    }

    private void relay(Socket client, Socket server) {
        try {
            InputStream in = client.getInputStream();
            OutputStream out = server.getOutputStream();
            byte[] record = firstRecord(new DataInputStream(in));
            read(record);
            out.write(record);
            out.flush();
            Thread back = new Thread(() -> pipe(server, client), "client-hello-tap-back");
            back.setDaemon(true);
            back.start();
            pipe(client, server);
        } catch (IOException | RuntimeException broken) {
            problems.add(broken.toString());
            closeBoth(client, server);
        }
    }

    private static byte[] firstRecord(DataInputStream in) throws IOException {
        byte[] header = new byte[5];
        in.readFully(header);
        int length = ((header[3] & 0xff) << 8) | (header[4] & 0xff);
        byte[] record = new byte[5 + length];
        System.arraycopy(header, 0, record, 0, 5);
        in.readFully(record, 5, length);
        return record;
    }

    /** TLS record (type 22, handshake) → ClientHello (type 1) → its extensions (RFC 8446, section 4.1.2). */
    private void read(byte[] record) {
        if (record[0] != 22 || record[5] != 1) {
            problems.add("first record is not a ClientHello: type " + record[0] + ", handshake " + record[5]);
            return;
        }
        int at = 5 + 4 + 2 + 32; // record header, handshake header, legacy_version, random
        at += 1 + (record[at] & 0xff); // legacy_session_id
        at += 2 + u16(record, at); // cipher_suites
        at += 1 + (record[at] & 0xff); // legacy_compression_methods
        int end = at + 2 + u16(record, at);
        at += 2;
        List<Integer> extensions = new ArrayList<>();
        boolean ticket = false;
        while (at + 4 <= end) {
            int type = u16(record, at);
            int length = u16(record, at + 2);
            extensions.add(type);
            ticket |= type == SESSION_TICKET && length > 0;
            at += 4 + length;
        }
        hellos.add(new Hello(List.copyOf(extensions), ticket));
    }

    private static int u16(byte[] bytes, int at) {
        return ((bytes[at] & 0xff) << 8) | (bytes[at + 1] & 0xff);
    }

    private static void pipe(Socket from, Socket to) {
        try {
            from.getInputStream().transferTo(to.getOutputStream());
        } catch (IOException closed) {
            // one side went away: so does the other
        }
        closeBoth(from, to);
    }

    private static void closeBoth(Socket a, Socket b) {
        for (Socket socket : new Socket[] {a, b}) {
            try {
                socket.close();
            } catch (IOException closed) {
                // closed is what was wanted
            }
        }
    }

    @Override
    public void close() {
        try {
            listener.close();
        } catch (IOException closed) {
            // closed is what was wanted
        }
        cut();
    }
}
