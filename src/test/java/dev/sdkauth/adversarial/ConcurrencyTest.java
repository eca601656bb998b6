package dev.sdkauth.adversarial;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.databind.JsonNode;
import dev.sdkauth.handler.TokenHandler;
import dev.sdkauth.testing.Jwt;
import dev.sdkauth.testing.Proxy;
import dev.sdkauth.testing.RecordingLogger;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * One handler shared by many threads, as {@code serve} shares it: every answer must be the answer to its own
 * request. Each request asks for something unique (session, identity, role, lifetime, dialect, route), some are
 * invalid, and every token's claims are checked against the request that asked for it.
 */
class ConcurrencyTest {
    private static final int THREADS = 8;
    private static final int REQUESTS = 400;

    @Test
    void everyAnswerBelongsToItsOwnRequest() throws Exception {
        RecordingLogger log = new RecordingLogger();
        TokenHandler handler = Handlers.handler(log);
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Integer>> workers = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            int thread = t;
            workers.add(pool.submit(() -> {
                start.await();
                for (int i = 0; i < REQUESTS; i++) {
                    check(handler, thread, i);
                }
                return REQUESTS;
            }));
        }
        start.countDown();
        int served = 0;
        for (Future<Integer> worker : workers) {
            served += worker.get();
        }
        pool.shutdown();
        assertEquals(THREADS * REQUESTS, served);
        assertEquals(THREADS * REQUESTS, log.lines.stream().filter(line -> line.startsWith("{")).count(),
                "one log line per request, none lost or doubled");
    }

    private static void check(TokenHandler handler, int thread, int i) {
        String id = thread + "-" + i;
        int role = (thread + i) % 2;
        long lifetime = 1800 + thread * 1000L + i;
        switch (i % 4) {
            case 0 -> {
                JsonNode claims = token(Proxy.call(handler, Proxy.post("/", "{\"sessionName\":\"s-" + id
                        + "\",\"role\":" + role + ",\"expirationSeconds\":" + lifetime + ",\"userIdentity\":\"u-"
                        + id + "\"}")), "signature");
                assertEquals("s-" + id, claims.get("tpc").textValue());
                assertEquals("u-" + id, claims.get("user_identity").textValue());
                assertEquals(role, claims.get("role_type").intValue());
                assertEquals(lifetime, claims.get("exp").longValue() - claims.get("iat").longValue());
            }
            case 1 -> {
                JsonNode claims = token(Proxy.call(handler, Proxy.post("/", "{\"topic\":\"t-" + id
                        + "\",\"roleType\":\"" + role + "\",\"expirationMinutes\":" + (30 + i) + "}")), "token");
                assertEquals("t-" + id, claims.get("tpc").textValue());
                assertEquals((30L + i) * 60, claims.get("exp").longValue() - claims.get("iat").longValue());
            }
            case 2 -> {
                JsonNode claims = token(Proxy.call(handler, Proxy.post("/meeting", "{\"meetingNumber\":\"" + (1000 + i)
                        + thread + "\",\"role\":" + role + "}")), "signature");
                assertEquals((1000 + i) + "" + thread, claims.get("mn").textValue());
                assertEquals(role, claims.get("role").intValue());
            }
            default -> {
                APIGatewayProxyResponseEvent refused = Proxy.call(handler, Proxy.post("/",
                        "{\"sessionName\":\"s-" + id + "\",\"role\":" + (2 + thread) + "}"));
                assertEquals(400, refused.getStatusCode());
                JsonNode errors = Proxy.body(refused).get("errors");
                assertEquals(1, errors.size(), refused.getBody());
                assertEquals("role must be 0 or 1, got " + (2 + thread), errors.get(0).get("reason").textValue());
            }
        }
    }

    private static JsonNode token(APIGatewayProxyResponseEvent response, String field) {
        assertEquals(200, response.getStatusCode(), response.getBody());
        String token = Proxy.body(response).get(field).textValue();
        Jwt.verify(token, Handlers.SECRET);
        return Jwt.payload(token);
    }
}
