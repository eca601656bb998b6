package dev.sdkauth.bench;

import dev.sdkauth.token.TokenSigner;
import io.jsonwebtoken.Jwts;
import io.jsonwebtoken.impl.DefaultJwtBuilder;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * What building tokens through {@link Jwts#builder()} costs (jjwt's documented entry point, which finds
 * jjwt-impl's builder by name on every call) against constructing jjwt-impl's builder directly (what TokenSigner
 * did before issue 22), in one run. {@code signer} is the function's own signer, which now uses Jwts.builder().
 * Run with {@code bash bench/run warm SignerBenchmark}; the figures are in docs/performance.md.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 2)
public class SignerBenchmark {
    private static final SecretKey KEY = new SecretKeySpec(
            "bench-secret-0123456789abcdefghijklmnopqrstuvwxyz".getBytes(StandardCharsets.US_ASCII), "HmacSHA256");
    private final TokenSigner signer = new TokenSigner();
    private final Map<String, Object> claims = new LinkedHashMap<>(Map.of("app_key", "BENCH_KEY", "role_type", 1,
            "tpc", "Cool Cars", "version", 1, "iat", 1_795_642_228L, "exp", 1_795_649_428L));

    @Benchmark
    public Object builderByName() {
        return Jwts.builder();
    }

    @Benchmark
    public Object builderConstructed() {
        return new DefaultJwtBuilder();
    }

    @Benchmark
    public String signer() {
        return signer.sign(claims, KEY);
    }
}
