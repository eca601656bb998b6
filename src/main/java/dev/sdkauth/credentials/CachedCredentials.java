package dev.sdkauth.credentials;

import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.logging.LogLevel;

import java.time.Clock;
import java.time.Duration;

/**
 * Credentials cached per container and refreshed after a TTL, so a rotated secret takes effect without a
 * redeploy. A failed refresh keeps the last good credentials (stale-on-error) and tries again a little later; with
 * no good credentials yet, every request tries afresh, so the function heals as soon as the cause is fixed.
 */
public final class CachedCredentials implements CredentialSource {
    /** After a failed refresh, how long the stale credentials serve before SSM is asked again (at most the TTL). */
    static final Duration RETRY_AFTER_FAILURE = Duration.ofSeconds(30);

    private final Product product;
    private final CredentialSource source;
    private final long ttlMillis;
    private final long retryMillis;
    private final Clock clock;
    private final LambdaLogger log;
    private volatile Entry current;

    private record Entry(SdkCredentials credentials, long refreshAtMillis) {
    }

    public CachedCredentials(Product product, CredentialSource source, Duration ttl, Clock clock, LambdaLogger log) {
        this.product = product;
        this.source = source;
        this.ttlMillis = ttl.toMillis();
        this.retryMillis = Math.min(ttlMillis, RETRY_AFTER_FAILURE.toMillis());
        this.clock = clock;
        this.log = log;
    }

    @Override
    public SdkCredentials load() {
        Entry entry = current;
        if (entry != null && clock.millis() < entry.refreshAtMillis()) {
            return entry.credentials();
        }
        // One refresh at a time per container; threads that waited find the fresh entry.
        synchronized (this) {
            entry = current;
            long now = clock.millis();
            if (entry != null && now < entry.refreshAtMillis()) {
                return entry.credentials();
            }
            try {
                SdkCredentials fresh = source.load();
                current = new Entry(fresh, now + ttlMillis);
                return fresh;
            } catch (CredentialsUnavailable failure) {
                if (entry == null) {
                    throw failure;
                }
                log.log("Could not refresh the " + product.label() + " credentials, signing with the last good ones"
                        + " and retrying in " + retryMillis / 1000 + " s: " + failure.getMessage(), LogLevel.WARN);
                current = new Entry(entry.credentials(), now + retryMillis);
                return entry.credentials();
            }
        }
    }
}
