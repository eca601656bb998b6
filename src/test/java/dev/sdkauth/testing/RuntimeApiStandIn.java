package dev.sdkauth.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The Lambda Runtime API on a loopback port, as much of it as a function's runtime client uses: it hands out the
 * queued events one by one ({@code /invocation/next}, holding the call when none is left, as Lambda does between
 * invocations), takes the answers, and answers {@code /restore/next}, the call with which the runtime client
 * reports that its checkpoint hooks have run and that Lambda may take the snapshot. What happens at that moment is
 * the caller's ({@link #onRestore}): a test checks that nothing was fetched before it; the restore benchmark
 * notes the time. Every call is journalled in order, with init and invocation errors apart.
 */
public final class RuntimeApiStandIn implements AutoCloseable {
    private static final String RUNTIME = "/2018-06-01/runtime";
    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "runtime-api-stand-in");
        thread.setDaemon(true);
        return thread;
    });
    private final BlockingQueue<String[]> pending = new LinkedBlockingQueue<>();
    private final Map<String, BlockingQueue<String>> responses = new ConcurrentHashMap<>();
    private final Map<String, Long> answeredAtNanos = new ConcurrentHashMap<>();
    /** Every call but the answers' bodies: "next", "restore/next", "response req-0", ... */
    public final List<String> calls = new CopyOnWriteArrayList<>();
    /** Init, restore and invocation errors the runtime client reported. */
    public final List<String> errors = new CopyOnWriteArrayList<>();
    private volatile Runnable onRestore = () -> { };
    private volatile long restoredAtNanos;

    public RuntimeApiStandIn() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(executor);
        server.createContext(RUNTIME + "/invocation/next", this::next);
        server.createContext(RUNTIME + "/invocation/", this::outcome);
        server.createContext(RUNTIME + "/init/error", exchange -> {
            errors.add("init: " + body(exchange));
            reply(exchange, 202);
        });
        server.createContext(RUNTIME + "/restore/next", exchange -> {
            calls.add("restore/next");
            onRestore.run();
            restoredAtNanos = System.nanoTime();
            reply(exchange, 200);
        });
        server.createContext(RUNTIME + "/restore/error", exchange -> {
            errors.add("restore: " + body(exchange));
            reply(exchange, 202);
        });
        server.start();
    }

    /** AWS_LAMBDA_RUNTIME_API */
    public String address() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    /**
     * Runs when the runtime client calls {@code /restore/next}, before it is answered: in Lambda, the snapshot is
     * taken while that call is out and the restored copies carry on from its answer.
     */
    public void onRestore(Runnable action) {
        this.onRestore = action;
    }

    /** {@link System#nanoTime()} when {@code /restore/next} was answered; 0 before. */
    public long restoredAtNanos() {
        return restoredAtNanos;
    }

    /** {@link System#nanoTime()} when the answer to the request arrived; null before. */
    public Long answeredAtNanos(String requestId) {
        return answeredAtNanos.get(requestId);
    }

    public void queue(String requestId, String event) {
        responses.put(requestId, new LinkedBlockingQueue<>());
        pending.add(new String[] {requestId, event});
    }

    /** The answer to the request, waiting for it up to a minute; null if none came. */
    public String response(String requestId) throws InterruptedException {
        return responses.get(requestId).poll(60, TimeUnit.SECONDS);
    }

    private void next(HttpExchange exchange) throws IOException {
        calls.add("next");
        String[] invocation;
        try {
            invocation = pending.take();
        } catch (InterruptedException stopping) {
            Thread.currentThread().interrupt();
            return;
        }
        byte[] event = invocation[1].getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Lambda-Runtime-Aws-Request-Id", invocation[0]);
        exchange.getResponseHeaders().set("Lambda-Runtime-Deadline-Ms",
                Long.toString(System.currentTimeMillis() + 15_000));
        exchange.getResponseHeaders().set("Lambda-Runtime-Invoked-Function-Arn",
                "arn:aws:lambda:us-east-1:123456789012:function:zoom-sdk-auth-TokenFunction:live");
        exchange.getResponseHeaders().set("Lambda-Runtime-Trace-Id", "Root=1-5759e988-bd862e3fe1be46a994272793");
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, event.length);
        exchange.getResponseBody().write(event);
        exchange.close();
    }

    /** {@code /invocation/{id}/response} or {@code /invocation/{id}/error}. */
    private void outcome(HttpExchange exchange) throws IOException {
        String[] parts = exchange.getRequestURI().getPath().substring((RUNTIME + "/invocation/").length()).split("/");
        String body = body(exchange);
        if (parts.length == 2 && parts[1].equals("response") && responses.containsKey(parts[0])) {
            answeredAtNanos.put(parts[0], System.nanoTime());
            calls.add("response " + parts[0]);
            responses.get(parts[0]).add(body);
        } else {
            errors.add(exchange.getRequestURI().getPath() + " "
                    + exchange.getRequestHeaders().getFirst("Lambda-Runtime-Function-Error-Type") + ": " + body);
        }
        reply(exchange, 202);
    }

    private static String body(HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static void reply(HttpExchange exchange, int status) throws IOException {
        exchange.sendResponseHeaders(status, -1);
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
