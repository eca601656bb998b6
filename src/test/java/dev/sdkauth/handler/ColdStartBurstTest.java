package dev.sdkauth.handler;

import dev.sdkauth.Mode;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import dev.sdkauth.Environment;
import dev.sdkauth.testing.Jwt;
import dev.sdkauth.testing.Proxy;
import dev.sdkauth.testing.RecordingLogger;
import dev.sdkauth.testing.SsmStandIn;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A deploy or a traffic spike starts many containers at once, and each asks SSM for the credentials. SSM's
 * GetParameters has a request-rate limit; this stand-in enforces one (at most {@value #LIMIT} calls per
 * {@value #WINDOW_MILLIS} ms, then ThrottlingException) and shows what the burst costs and that every container
 * ends up signing. Each "container" is a handler of its own, built as Lambda builds it outside SnapStart (the
 * fetch starts at init), with its own AWS access key so that its SSM calls can be told apart.
 */
class ColdStartBurstTest {
    private static final int CONTAINERS = 24;
    private static final int LIMIT = 5;
    private static final long WINDOW_MILLIS = 200;
    /** The SSM client makes at most this many attempts per refresh (the SDK's standard retry mode's number). */
    private static final int ATTEMPTS = 3;
    private static final String SECRET = "burst-secret-0123456789abcdefghijklmnopq";
    private final RateLimit rateLimit = new RateLimit();
    private final SsmStandIn ssm = SsmStandIn.http();

    @AfterEach
    void stop() {
        ssm.close();
        assertEquals(List.of(), ssm.problems(), "every container's requests were well-formed and signed");
    }

    @Test
    void everyContainerEndsUpSigningAndTheBurstCostIsBounded() throws Exception {
        ssm.put("/zoom/video-sdk/key", "BURST_KEY").put("/zoom/video-sdk/secret", SECRET);
        ssm.behaviour(rateLimit);

        ExecutorService pool = Executors.newFixedThreadPool(CONTAINERS);
        CountDownLatch start = new CountDownLatch(1);
        RecordingLogger log = new RecordingLogger();
        AtomicInteger firstRequestsUnavailable = new AtomicInteger();
        List<Future<String>> tokens = new ArrayList<>();
        for (int i = 0; i < CONTAINERS; i++) {
            String accessKeyId = String.format("AKIDBURST%02d", i);
            ssm.allow(accessKeyId, "aws-test-secret-access-key", null);
            Map<String, String> env = Map.of(
                    "AWS_REGION", SsmStandIn.REGION,
                    "AWS_ACCESS_KEY_ID", accessKeyId,
                    "AWS_SECRET_ACCESS_KEY", "aws-test-secret-access-key",
                    "AWS_ENDPOINT_URL_SSM", ssm.url(),
                    "ZOOM_VIDEO_SDK_KEY_PARAMETER", "/zoom/video-sdk/key",
                    "ZOOM_VIDEO_SDK_SECRET_PARAMETER", "/zoom/video-sdk/secret");
            tokens.add(pool.submit(() -> {
                start.await();
                TokenHandler container = new TokenHandler(Environment.of(env), Mode.DEPLOYED, Clock.systemUTC(), log,
                        TokenHandler.Start.NOW, line -> { });
                // A client whose request got a 503 tries again, as front ends do; the container heals on it.
                for (int request = 0; request < 5; request++) {
                    APIGatewayProxyResponseEvent response = Proxy.call(container, Proxy.post("/", "{\"sessionName\":\"burst\",\"role\":0}"));
                    if (response.getStatusCode() == 200) {
                        return Proxy.body(response).get("signature").textValue();
                    }
                    assertEquals(503, response.getStatusCode(), response.getBody());
                    if (request == 0) {
                        firstRequestsUnavailable.incrementAndGet();
                    }
                    Thread.sleep(WINDOW_MILLIS);
                }
                throw new AssertionError("a container never signed");
            }));
        }
        start.countDown();
        for (Future<String> token : tokens) {
            Jwt.verify(token.get(), SECRET);
        }
        pool.shutdown();

        int calls = rateLimit.calls.values().stream().mapToInt(AtomicInteger::get).sum();
        System.out.printf("Cold-start burst: %d containers, SSM limited to %d calls per %d ms: %d GetParameters"
                        + " calls (%d throttled), %d first requests answered 503, max %d calls by one container%n",
                CONTAINERS, LIMIT, WINDOW_MILLIS, calls, rateLimit.throttled.get(), firstRequestsUnavailable.get(),
                rateLimit.calls.values().stream().mapToInt(AtomicInteger::get).max().orElse(0));
        assertEquals(CONTAINERS, rateLimit.calls.size(), "every container called SSM itself");
        assertTrue(rateLimit.throttled.get() > 0, "the burst did run into the limit");
        assertEquals(calls - rateLimit.throttled.get(), CONTAINERS,
                "exactly one successful call per container: its first request waited for the fetch begun at init");
        for (Map.Entry<String, AtomicInteger> container : rateLimit.calls.entrySet()) {
            // One refresh in flight at a time, each of at most ATTEMPTS tries; a 503 starts one more refresh.
            assertTrue(container.getValue().get() <= ATTEMPTS * 5, container.toString());
        }
        assertTrue(calls <= CONTAINERS * ATTEMPTS + firstRequestsUnavailable.get() * ATTEMPTS, "calls: " + calls);
        assertTrue(log.all().lines().noneMatch(line -> line.contains(SECRET)));
    }

    /** SSM's rate limit: past {@value #LIMIT} calls in the last {@value #WINDOW_MILLIS} ms, a ThrottlingException. */
    static final class RateLimit implements Function<SsmStandIn.Call, SsmStandIn.Reply> {
        final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
        final AtomicInteger throttled = new AtomicInteger();
        private final Deque<Long> recent = new ArrayDeque<>();

        @Override
        public SsmStandIn.Reply apply(SsmStandIn.Call call) {
            calls.computeIfAbsent(call.accessKeyId(), k -> new AtomicInteger()).incrementAndGet();
            long now = System.nanoTime() / 1_000_000;
            synchronized (recent) {
                while (!recent.isEmpty() && recent.peekFirst() <= now - WINDOW_MILLIS) {
                    recent.removeFirst();
                }
                if (recent.size() >= LIMIT) {
                    throttled.incrementAndGet();
                    return SsmStandIn.Reply.error(400, "ThrottlingException", "Rate exceeded");
                }
                recent.addLast(now);
            }
            return null;
        }
    }
}
