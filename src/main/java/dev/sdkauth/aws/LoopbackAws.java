package dev.sdkauth.aws;

import dev.sdkauth.Environment;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The two AWS endpoints the function calls, played by this process on loopback, so that the checkpoint hooks can
 * run the first request's credential path before a SnapStart snapshot without contacting anything real: a
 * container credentials endpoint (plain HTTP on 127.0.0.1, as Lambda's) handing out throwaway AWS credentials, and
 * an SSM endpoint (HTTPS with {@link ThrowawayTls}) answering GetParameters with the given throwaway values. The
 * client side is the function's own: {@link #client} is an {@link SsmParameters} that differs from the real one
 * only in the TLS context its HTTPS connections use. No connection outlives {@link #close()}: SSM's answers say
 * {@code Connection: close}, and the credentials connection the client keeps alive is taken out of the JDK's
 * keep-alive cache by a last answer that closes it. Nothing here is a secret: the values are the caller's
 * throwaway ones.
 */
public final class LoopbackAws implements AutoCloseable {
    private static final String TOKEN = "priming-authorization";
    private static final String CREDENTIALS_PATH = "/priming/credentials";
    private static final int MAX_REQUEST_BYTES = 64 * 1024;
    private static final int TIMEOUT_MILLIS = 2_000;

    private final ThrowawayTls tls;
    private final ServerSocket credentials;
    private final ServerSocket ssm;
    private final AtomicInteger answered = new AtomicInteger();
    private final Set<Socket> connections = ConcurrentHashMap.newKeySet();
    private volatile boolean closing;
    private final Thread[] threads;

    private LoopbackAws(ThrowawayTls tls, Map<String, String> parameters) throws IOException {
        this.tls = tls;
        InetAddress loopback = InetAddress.getLoopbackAddress();
        this.credentials = new ServerSocket(0, 8, loopback);
        this.ssm = tls.server().getServerSocketFactory().createServerSocket(0, 8, loopback);
        // Temporary credentials as Lambda's endpoint hands them out, expiring well after the priming.
        byte[] credentialsAnswer = ("{\"AccessKeyId\":\"ASIAPRIMINGONLY\",\"SecretAccessKey\":\"priming-only\","
                + "\"Token\":\"priming-only\",\"Expiration\":\"" + Instant.now().plus(Duration.ofHours(1))
                + "\"}").getBytes(StandardCharsets.UTF_8);
        StringBuilder values = new StringBuilder();
        parameters.forEach((name, value) -> values.append(values.length() == 0 ? "" : ",")
                .append("{\"Name\":\"").append(name).append("\",\"Type\":\"SecureString\",\"Value\":\"")
                .append(value).append("\",\"Version\":1,\"DataType\":\"text\"}"));
        byte[] ssmAnswer = ("{\"Parameters\":[" + values + "],\"InvalidParameters\":[]}")
                .getBytes(StandardCharsets.UTF_8);
        // Every priming round makes its SSM connection with a new TLS context, whose connection no later round
        // could reuse: those close at once.
        this.threads = new Thread[] {serve(credentials, "application/json", credentialsAnswer, true),
                serve(ssm, SsmHttp.CONTENT_TYPE, ssmAnswer, false)};
    }

    /**
     * Starts both endpoints. Also installs the AWS calls' own TLS ({@link ClientTls}) first: the client's HTTPS
     * connections would otherwise make the JDK build its default TLS context here, before the snapshot. And has
     * its trust managers build their validator, which the first real call would otherwise build.
     *
     * @param parameters what the SSM endpoint answers, by name (throwaway values: they are sent in the clear
     *                   inside this process)
     */
    public static LoopbackAws start(Map<String, String> parameters) throws IOException, GeneralSecurityException {
        ClientTls real = ClientTls.prepareForSnapshot();
        ThrowawayTls tls = new ThrowawayTls();
        real.prepareValidation(tls.chain());
        return new LoopbackAws(tls, parameters);
    }

    /**
     * The variables that point the function's AWS client here: the region, both endpoints, the container
     * endpoint's authorization token, and shared AWS files that do not exist (a developer's own profile must not
     * be read, let alone its keys used).
     */
    public Map<String, String> environment() {
        return Map.of("AWS_REGION", "us-east-1",
                "AWS_CONTAINER_CREDENTIALS_FULL_URI",
                "http://127.0.0.1:" + credentials.getLocalPort() + CREDENTIALS_PATH,
                "AWS_CONTAINER_AUTHORIZATION_TOKEN", TOKEN,
                "AWS_ENDPOINT_URL_SSM", "https://127.0.0.1:" + ssm.getLocalPort(),
                "AWS_SHARED_CREDENTIALS_FILE", "/nonexistent/priming/credentials",
                "AWS_CONFIG_FILE", "/nonexistent/priming/config");
    }

    /** The function's SSM client, configured by {@code env}, whose HTTPS trusts this endpoint and nothing else. */
    public SsmParameters client(Environment env) throws GeneralSecurityException {
        return new SsmParameters(env, Clock.systemUTC(), tls.client());
    }

    /** Requests answered so far, of both endpoints. */
    public int answered() {
        return answered.get();
    }

    /**
     * Answers every request on every connection with {@code body}. With {@code keepAlive}, a connection stays open
     * for the next request, as Lambda's credentials endpoint keeps it (so that the client's keep-alive code runs
     * here, not after the restore), until {@link #close()} asks for the last answer; otherwise every answer closes
     * its connection.
     */
    private Thread serve(ServerSocket server, String contentType, byte[] body, boolean keepAlive) {
        Thread thread = new Thread(() -> {
            while (!server.isClosed()) {
                Socket connection;
                try {
                    connection = server.accept();
                } catch (IOException closedOrBroken) {
                    return; // close() closed it, or it cannot accept: then the client's call fails, and says so
                }
                connections.add(connection);
                try (connection) {
                    connection.setSoTimeout(TIMEOUT_MILLIS);
                    connection.setTcpNoDelay(true);
                    InputStream in = connection.getInputStream();
                    OutputStream out = connection.getOutputStream();
                    boolean open = true;
                    while (open && readRequest(in)) {
                        open = keepAlive && !closing;
                        out.write(answer(contentType, body, open));
                        out.flush();
                        answered.incrementAndGet();
                    }
                } catch (IOException | RuntimeException failed) {
                    // a failed exchange fails the client's call, which is where priming notices it
                } finally {
                    connections.remove(connection);
                }
            }
        }, "priming-" + (server == ssm ? "ssm" : "credentials"));
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    private static byte[] answer(String contentType, byte[] body, boolean keepAlive) {
        byte[] head = ("HTTP/1.1 200 OK\r\nContent-Type: " + contentType + "\r\nContent-Length: " + body.length
                + (keepAlive ? "" : "\r\nConnection: close") + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        byte[] answer = new byte[head.length + body.length];
        System.arraycopy(head, 0, answer, 0, head.length);
        System.arraycopy(body, 0, answer, head.length, body.length);
        return answer;
    }

    /**
     * Reads one request, head and body (by Content-Length), so that the client is never cut off mid-send; false
     * when the client closed the connection instead of sending one.
     */
    private static boolean readRequest(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream(512);
        int matched = 0;
        while (matched < 4) {
            int b = in.read();
            if (b < 0 && head.size() == 0) {
                return false;
            }
            if (b < 0 || head.size() >= MAX_REQUEST_BYTES) {
                throw new IOException("incomplete request");
            }
            head.write(b);
            matched = b == "\r\n\r\n".charAt(matched) ? matched + 1 : b == '\r' ? 1 : 0;
        }
        long length = 0;
        for (String line : head.toString(StandardCharsets.US_ASCII).split("\r\n")) {
            if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                length = Long.parseLong(line.substring("content-length:".length()).strip());
            }
        }
        if (length > MAX_REQUEST_BYTES) {
            throw new IOException("request body too large");
        }
        in.skipNBytes(length);
        return true;
    }

    /**
     * Takes the kept-alive credentials connection out of the client's keep-alive cache (one last request, answered
     * with {@code Connection: close}), closes both endpoints and every connection, and waits for the threads.
     */
    @Override
    public void close() {
        closing = true;
        try {
            SsmHttp.exchange(URI.create(environment().get("AWS_CONTAINER_CREDENTIALS_FULL_URI")), "GET",
                    Map.of("Authorization", TOKEN), null, TIMEOUT_MILLIS, TIMEOUT_MILLIS, null);
        } catch (IOException unanswered) {
            // then there was no connection to take out; the sockets are closed below all the same
        }
        List<Closeable> sockets = new ArrayList<>(connections);
        sockets.add(credentials);
        sockets.add(ssm);
        for (Closeable socket : sockets) {
            try {
                socket.close();
            } catch (IOException alreadyClosed) {
                // closed is what was wanted
            }
        }
        for (Thread thread : threads) {
            try {
                thread.join(TIMEOUT_MILLIS);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
