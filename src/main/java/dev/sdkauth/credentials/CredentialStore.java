package dev.sdkauth.credentials;

import dev.sdkauth.aws.AwsException;
import dev.sdkauth.aws.SsmParameter;
import dev.sdkauth.aws.SsmParameters;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.logging.LogLevel;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Every credential of this container (both SDK products' keys and secrets, and the Server-to-Server OAuth app's),
 * refreshed together after a TTL so that a rotated secret takes effect without a redeploy: one GetParameters call
 * per refresh for all SSM names, and never more than one refresh in flight. A failed refresh keeps a credential's
 * last good value (stale-on-error) and tries again a little later; a credential with no good value yet tries
 * afresh on each of its requests, so the function heals as soon as the cause is fixed. Credentials configured
 * without SSM are settled once, at construction.
 */
public final class CredentialStore {
    /** After a failed refresh, how long stale credentials serve before SSM is asked again (at most the TTL). */
    static final Duration RETRY_AFTER_FAILURE = Duration.ofSeconds(30);

    private final List<Resolver<?>> fromSsm = new ArrayList<>();
    private final Map<Resolver<?>, Settled> settled = new HashMap<>();
    private final Map<Product, Resolver<SdkCredentials>> products;
    private final Resolver<S2sCredentials> s2s;
    private final Map<AppSecret, Resolver<String>> appSecrets;
    private final SsmParameters ssm;
    private final long ttlMillis;
    private final long retryMillis;
    private final Clock clock;
    private final LambdaLogger log;
    private volatile State state;

    /** The outcome for one credential: its value, or why there is none. */
    private record Settled(Object value, CredentialsUnavailable failure) {
        Object get() {
            if (value == null) {
                throw failure;
            }
            return value;
        }
    }

    private record State(Map<Resolver<?>, Settled> values, long refreshAtMillis) {
    }

    /**
     * @param products each product's resolver
     * @param s2s      the Server-to-Server OAuth app's, or null when ZAKs are off
     * @param fixed    resolvers whose outcome the environment alone decides (direct values, development, none),
     *                 settled now; every other resolver reads SSM
     */
    CredentialStore(Map<Product, Resolver<SdkCredentials>> products, Resolver<S2sCredentials> s2s,
                    Map<AppSecret, Resolver<String>> appSecrets, List<Resolver<?>> fixed, SsmParameters ssm,
                    Duration ttl, Clock clock, LambdaLogger log) {
        this.products = new EnumMap<>(products);
        this.s2s = s2s;
        this.appSecrets = appSecrets.isEmpty() ? Map.of() : new EnumMap<>(appSecrets);
        this.ssm = ssm;
        this.ttlMillis = ttl.toMillis();
        this.retryMillis = Math.min(ttlMillis, RETRY_AFTER_FAILURE.toMillis());
        this.clock = clock;
        this.log = log;
        List<Resolver<?>> all = new ArrayList<>(products.values());
        if (s2s != null) {
            all.add(s2s);
        }
        all.addAll(this.appSecrets.values());
        for (Resolver<?> resolver : all) {
            if (fixed.contains(resolver)) {
                settled.put(resolver, settle(resolver, Map.of()));
            } else {
                fromSsm.add(resolver);
            }
        }
    }

    public CredentialSource source(Product product) {
        return () -> load(product);
    }

    /** @throws CredentialsUnavailable when there are none to be had, with the reason */
    public SdkCredentials load(Product product) {
        return (SdkCredentials) load(products.get(product));
    }

    /** Whether a Server-to-Server OAuth app is configured at all (ZAKs are off without one). */
    public boolean hasS2s() {
        return s2s != null;
    }

    /** @throws CredentialsUnavailable when none is configured, or it cannot be had, with the reason */
    public S2sCredentials s2s() {
        if (s2s == null) {
            throw new CredentialsUnavailable("ZAKs need a Server-to-Server OAuth app: set ZOOM_S2S_ACCOUNT_ID_PARAMETER,"
                    + " ZOOM_S2S_CLIENT_ID_PARAMETER and ZOOM_S2S_CLIENT_SECRET_PARAMETER (SSM parameter names), or"
                    + " ZOOM_S2S_ACCOUNT_ID, ZOOM_S2S_CLIENT_ID and ZOOM_S2S_CLIENT_SECRET");
        }
        return (S2sCredentials) load(s2s);
    }

    /** Whether the secret is configured at all. */
    public boolean has(AppSecret which) {
        return appSecrets.containsKey(which);
    }

    /** @throws CredentialsUnavailable when it is not configured, or cannot be had, with the reason */
    public String appSecret(AppSecret which) {
        Resolver<String> resolver = appSecrets.get(which);
        if (resolver == null) {
            throw new CredentialsUnavailable(which.label() + " is not configured: set " + which.parameter().name()
                    + " (an SSM parameter name) or " + which.value().name());
        }
        return (String) load(resolver);
    }

    private Object load(Resolver<?> resolver) {
        Settled fixed = settled.get(resolver);
        if (fixed != null) {
            return fixed.get();
        }
        State current = state;
        if (usable(current, resolver, clock.millis())) {
            return current.values().get(resolver).get();
        }
        synchronized (this) {
            current = state;
            long now = clock.millis();
            if (!usable(current, resolver, now)) {
                current = refresh(current, now);
                state = current;
            }
        }
        return current.values().get(resolver).get();
    }

    /**
     * Starts fetching from SSM on a background thread, so that the fetch overlaps whatever the caller does next
     * (loading classes, reading the first event). A failure is only recorded: the first request retries it.
     *
     * @return whether a fetch was started (false when nothing reads SSM)
     */
    public boolean prefetch() {
        if (fromSsm.isEmpty()) {
            return false;
        }
        Thread fetch = new Thread(() -> {
            try {
                load(fromSsm.get(0));
            } catch (CredentialsUnavailable recordedForTheFirstRequest) {
                // load() has kept the outcome; the first request that needs it retries and reports it
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

    private static boolean usable(State state, Resolver<?> resolver, long now) {
        return state != null && now < state.refreshAtMillis() && state.values().get(resolver).value() != null;
    }

    private State refresh(State previous, long now) {
        List<String> names = new ArrayList<>();
        fromSsm.forEach(resolver -> resolver.parameterNames().stream().filter(name -> !names.contains(name))
                .forEach(names::add));
        Map<String, SsmParameter> fetched;
        CredentialsUnavailable down = null;
        try {
            fetched = ssm.get(names);
        } catch (AwsException failure) {
            fetched = Map.of();
            down = new CredentialsUnavailable(failure.getMessage());
        }
        Map<Resolver<?>, Settled> values = new HashMap<>();
        boolean servingStale = false;
        for (Resolver<?> resolver : fromSsm) {
            Settled fresh = down != null ? new Settled(null, down) : settle(resolver, fetched);
            Settled last = previous == null ? null : previous.values().get(resolver);
            if (fresh.value() == null && last != null && last.value() != null) {
                log.log("Could not refresh " + resolver.label() + ", signing with the last good ones and retrying in "
                        + retryMillis / 1000 + " s: " + fresh.failure().getMessage(), LogLevel.WARN);
                fresh = last;
                servingStale = true;
            }
            values.put(resolver, fresh);
        }
        return new State(values, now + (servingStale ? retryMillis : ttlMillis));
    }

    private Settled settle(Resolver<?> resolver, Map<String, SsmParameter> fetched) {
        try {
            return new Settled(resolver.resolve(fetched, log), null);
        } catch (CredentialsUnavailable failure) {
            return new Settled(null, failure);
        }
    }
}
