package dev.sdkauth.credentials;

import dev.sdkauth.aws.AwsException;
import dev.sdkauth.aws.SsmParameter;
import dev.sdkauth.aws.SsmParameters;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.logging.LogLevel;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Every product's credentials for this container, refreshed together after a TTL so that a rotated secret takes
 * effect without a redeploy: one GetParameters call per refresh for all SSM names, and never more than one refresh
 * in flight. A failed refresh keeps a product's last good credentials (stale-on-error) and tries again a little
 * later; a product with no good credentials yet tries afresh on each of its requests, so the function heals as
 * soon as the cause is fixed. Products configured without SSM are settled once, at construction.
 */
public final class CredentialStore {
    /** After a failed refresh, how long stale credentials serve before SSM is asked again (at most the TTL). */
    static final Duration RETRY_AFTER_FAILURE = Duration.ofSeconds(30);

    private final List<ProductSettings> fromSsm = new ArrayList<>();
    private final Map<Product, Settled> settled = new EnumMap<>(Product.class);
    private final SsmParameters ssm;
    private final long ttlMillis;
    private final long retryMillis;
    private final Clock clock;
    private final LambdaLogger log;
    private volatile State state;

    /** The outcome for one product: credentials, or why there are none. */
    private record Settled(SdkCredentials credentials, CredentialsUnavailable failure) {
        SdkCredentials get() {
            if (credentials == null) {
                throw failure;
            }
            return credentials;
        }
    }

    private record State(Map<Product, Settled> products, long refreshAtMillis) {
    }

    /** @param fixed products whose outcome the environment alone decides (direct values, development, none) */
    CredentialStore(List<ProductSettings> fromSsm, Map<Product, CredentialSource> fixed, SsmParameters ssm,
                    Duration ttl, Clock clock, LambdaLogger log) {
        this.fromSsm.addAll(fromSsm);
        fixed.forEach((product, source) -> settled.put(product, settle(source)));
        this.ssm = ssm;
        this.ttlMillis = ttl.toMillis();
        this.retryMillis = Math.min(ttlMillis, RETRY_AFTER_FAILURE.toMillis());
        this.clock = clock;
        this.log = log;
    }

    public CredentialSource source(Product product) {
        return () -> load(product);
    }

    /** @throws CredentialsUnavailable when there are none to be had, with the reason */
    public SdkCredentials load(Product product) {
        Settled fixed = settled.get(product);
        if (fixed != null) {
            return fixed.get();
        }
        State current = state;
        if (usable(current, product, clock.millis())) {
            return current.products().get(product).get();
        }
        synchronized (this) {
            current = state;
            long now = clock.millis();
            if (!usable(current, product, now)) {
                current = refresh(current, now);
                state = current;
            }
        }
        return current.products().get(product).get();
    }

    /**
     * Starts fetching from SSM on a background thread, so that the fetch overlaps whatever the caller does next
     * (loading classes, reading the first event). A failure is only recorded: the first request retries it.
     *
     * @return whether a fetch was started (false when no product reads SSM)
     */
    public boolean prefetch() {
        if (fromSsm.isEmpty()) {
            return false;
        }
        Thread fetch = new Thread(() -> {
            try {
                load(fromSsm.get(0).product());
            } catch (CredentialsUnavailable recordedForTheFirstRequest) {
                // load() has kept the outcome; the first request for the product retries and reports it
            }
        }, "credentials-prefetch");
        fetch.setDaemon(true);
        fetch.start();
        return true;
    }

    /** Whether any product's credentials come from SSM, so that there is a fetch to prepare for. */
    public boolean fetchesFromSsm() {
        return !fromSsm.isEmpty();
    }

    /** True until anything has been fetched: nothing secret is held, so the process may be snapshotted. */
    public boolean empty() {
        return state == null;
    }

    /** Drops whatever was fetched, so that a snapshot holds no secret and the next request fetches afresh. */
    public synchronized void forget() {
        state = null;
    }

    private static boolean usable(State state, Product product, long now) {
        return state != null && now < state.refreshAtMillis() && state.products().get(product).credentials() != null;
    }

    private State refresh(State previous, long now) {
        List<String> names = new ArrayList<>();
        fromSsm.forEach(settings -> settings.parameterNames().stream().filter(name -> !names.contains(name))
                .forEach(names::add));
        Map<String, SsmParameter> fetched;
        CredentialsUnavailable down = null;
        try {
            fetched = ssm.get(names);
        } catch (AwsException failure) {
            fetched = Map.of();
            down = new CredentialsUnavailable(failure.getMessage());
        }
        Map<Product, Settled> products = new EnumMap<>(Product.class);
        boolean servingStale = false;
        for (ProductSettings settings : fromSsm) {
            Map<String, SsmParameter> answer = fetched;
            CredentialsUnavailable failure = down;
            Settled fresh = settle(() -> {
                if (failure != null) {
                    throw failure;
                }
                return settings.resolve(answer, log);
            });
            Settled last = previous == null ? null : previous.products().get(settings.product());
            if (fresh.credentials() == null && last != null && last.credentials() != null) {
                log.log("Could not refresh the " + settings.product().label() + " credentials, signing with the last"
                        + " good ones and retrying in " + retryMillis / 1000 + " s: " + fresh.failure().getMessage(),
                        LogLevel.WARN);
                fresh = last;
                servingStale = true;
            }
            products.put(settings.product(), fresh);
        }
        return new State(products, now + (servingStale ? retryMillis : ttlMillis));
    }

    private static Settled settle(CredentialSource source) {
        try {
            return new Settled(source.load(), null);
        } catch (CredentialsUnavailable failure) {
            return new Settled(null, failure);
        }
    }
}
