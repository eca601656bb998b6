package dev.sdkauth.grants;

import dev.sdkauth.aws.ConditionFailed;
import dev.sdkauth.aws.DynamoDb;
import dev.sdkauth.zoom.UserOAuth;
import dev.sdkauth.zoom.ZoomException;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Users' grants in one DynamoDB table that every container shares. A grant item: {@code pk = user#ID}, the e-mail
 * (lower-cased, for the {@code email} index), a {@code version}, the sealed access and refresh tokens, and when the
 * access token expires.
 *
 * <p>Refreshing is safe across containers. Zoom's refresh tokens work once, so two containers refreshing the same
 * grant would leave one of them, and perhaps the grant, with a refused token. So a container first takes a short
 * lease on the item (a conditional write on its version, when no other lease is running), refreshes, and writes
 * the new tokens with the next version only if its lease still holds; the others wait for that write and use its
 * token. A lease outlives the refresh's time budget, so a container never writes after its lease ran out; a failed
 * refresh never overwrites anything, and one that Zoom refuses after another container's success re-reads the item
 * and uses the newer token.
 */
public final class Grants {
    /** Longer than a refresh can take (Zoom's 8 s budget and DynamoDB's 4 s), so a lease never lapses mid-write. */
    static final Duration LEASE = Duration.ofSeconds(15);
    /** An access token this close to its expiry is refreshed first. */
    static final Duration EXPIRY_MARGIN = Duration.ofSeconds(60);
    /** How long a request waits for another container's refresh before it gives up. */
    static final Duration WAIT = Duration.ofSeconds(10);
    static final Duration STATE_LIFETIME = Duration.ofMinutes(10);
    private static final long POLL_MILLIS = 50;
    /** Every attribute an expression names, by placeholder: none can clash with DynamoDB's reserved words. */
    private static final Map<String, String> NAMES = Map.of("#a", "access", "#r", "refresh", "#e", "accessExpiresAt",
            "#v", "version", "#l", "leaseUntil", "#o", "leaseOwner");

    private final DynamoDb db;
    private final String table;
    private final Sealer sealer;
    private final UserOAuth oauth;
    private final Clock clock;
    private final String owner;

    /** @param owner this container's name in leases (random per container) */
    public Grants(DynamoDb db, String table, String base64Key, UserOAuth oauth, Clock clock, String owner) {
        this.db = db;
        this.table = table;
        this.sealer = new Sealer(base64Key);
        this.oauth = oauth;
        this.clock = clock;
        this.owner = owner;
    }

    /** A new authorization: replaces whatever grant the user had, as the newest version. */
    public void store(UserOAuth.User user, UserOAuth.Tokens tokens) {
        String pk = userKey(user.id());
        Map<String, Object> old = db.get(table, Map.of("pk", pk));
        long version = old == null ? 1 : ((Long) old.get("version")) + 1;
        Map<String, Object> item = new java.util.LinkedHashMap<>();
        item.put("pk", pk);
        if (user.email() != null) {
            item.put("email", user.email().toLowerCase(Locale.ROOT));
        }
        item.put("version", version);
        item.put("access", sealer.seal(tokens.accessToken(), pk + "|access"));
        item.put("refresh", sealer.seal(tokens.refreshToken(), pk + "|refresh"));
        item.put("accessExpiresAt", tokens.accessExpiresAt().getEpochSecond());
        try {
            db.put(table, item, null, null);
        } catch (ConditionFailed impossible) {
            throw new IllegalStateException("an unconditional put cannot fail its condition", impossible);
        }
    }

    /** The user's Zoom ID, given an ID or an e-mail; null when no grant has it. */
    public String userId(String idOrEmail) {
        if (idOrEmail.contains("@")) {
            List<Map<String, Object>> found = db.query(table, "email", "email", idOrEmail.toLowerCase(Locale.ROOT));
            return found.isEmpty() ? null : ((String) found.get(0).get("pk")).substring("user#".length());
        }
        return db.get(table, Map.of("pk", userKey(idOrEmail))) == null ? null : idOrEmail;
    }

    /** Deauthorization: the grant is gone; removing one that is not there is no error. */
    public void remove(String userId) {
        try {
            db.delete(table, Map.of("pk", userKey(userId)), null, null);
        } catch (ConditionFailed impossible) {
            throw new IllegalStateException("an unconditional delete cannot fail its condition", impossible);
        }
    }

    /**
     * A valid access token of the user's, refreshed first when it is about to expire.
     *
     * @throws NoGrant       when there is no grant, or Zoom refuses its refresh token and no newer grant exists
     * @throws ZoomException UNAVAILABLE when Zoom could not refresh it now, or another container's refresh did not
     *                       finish in time
     */
    public String accessToken(String userId) throws NoGrant, ZoomException {
        String pk = userKey(userId);
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            Map<String, Object> item = db.get(table, Map.of("pk", pk));
            if (item == null) {
                throw new NoGrant("the user has not authorized the app");
            }
            long version = (Long) item.get("version");
            if ((Long) item.get("accessExpiresAt") - EXPIRY_MARGIN.toSeconds() > clock.instant().getEpochSecond()) {
                return sealer.open((String) item.get("access"), pk + "|access");
            }
            Object leaseUntil = item.get("leaseUntil");
            if (leaseUntil instanceof Long until && until > clock.millis()) {
                waitOrGiveUp(deadline);
                continue;
            }
            if (!takeLease(pk, version)) {
                continue;
            }
            String refreshed = refreshUnderLease(pk, version, sealer.open((String) item.get("refresh"), pk + "|refresh"));
            if (refreshed != null) {
                return refreshed;
            }
        }
    }

    /** The new access token, or null when the item changed under us and should be read again. */
    private String refreshUnderLease(String pk, long version, String refreshToken) throws NoGrant, ZoomException {
        UserOAuth.Tokens tokens;
        try {
            tokens = oauth.refresh(refreshToken);
        } catch (ZoomException refused) {
            Map<String, Object> now = db.get(table, Map.of("pk", pk));
            if (now != null && (Long) now.get("version") > version) {
                return null; // another container's refresh won: use its token
            }
            releaseLease(pk, version);
            if (refused.kind() == ZoomException.Kind.UNAVAILABLE) {
                throw refused;
            }
            throw new NoGrant("Zoom refuses the grant's refresh token (" + refused.getMessage()
                    + "): the user must authorize the app again");
        }
        try {
            db.update(table, Map.of("pk", pk), "SET #a = :a, #r = :r, #e = :e, #v = :next REMOVE #l, #o",
                    "#v = :v AND #o = :me", Map.of(":a", sealer.seal(tokens.accessToken(), pk + "|access"),
                            ":r", sealer.seal(tokens.refreshToken(), pk + "|refresh"),
                            ":e", tokens.accessExpiresAt().getEpochSecond(), ":next", version + 1, ":v", version,
                            ":me", owner), NAMES);
        } catch (ConditionFailed newerGrant) {
            return null; // the user authorized again meanwhile: theirs is newer, and it stays
        }
        return tokens.accessToken();
    }

    private boolean takeLease(String pk, long version) {
        try {
            db.update(table, Map.of("pk", pk), "SET #l = :until, #o = :me",
                    "#v = :v AND (attribute_not_exists(#l) OR #l < :now)",
                    Map.of(":until", clock.millis() + LEASE.toMillis(), ":me", owner, ":v", version,
                            ":now", clock.millis()), NAMES);
            return true;
        } catch (ConditionFailed taken) {
            return false;
        }
    }

    private void releaseLease(String pk, long version) {
        try {
            db.update(table, Map.of("pk", pk), "REMOVE #l, #o", "#v = :v AND #o = :me",
                    Map.of(":v", version, ":me", owner), NAMES);
        } catch (ConditionFailed gone) {
            // someone else's write since: nothing of ours to release
        }
    }

    private static void waitOrGiveUp(long deadline) throws ZoomException {
        if (System.nanoTime() - deadline > 0) {
            throw new ZoomException(ZoomException.Kind.UNAVAILABLE, "another container's refresh of the grant did"
                    + " not finish within " + WAIT.toSeconds() + " s", null);
        }
        try {
            Thread.sleep(POLL_MILLIS);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new ZoomException(ZoomException.Kind.UNAVAILABLE, "interrupted while waiting for a refresh", null);
        }
    }

    /**
     * A new single-use OAuth state for an authorization that starts now, with its PKCE verifier sealed beside it.
     * The item's key is the state's SHA-256, so a read of the table alone cannot complete anyone's flow.
     *
     * @return {state, verifier}
     */
    public String[] newState() {
        String state = sealer.randomText(32);
        String verifier = sealer.randomText(48);
        String pk = stateKey(state);
        try {
            db.put(table, Map.of("pk", pk, "verifier", sealer.seal(verifier, pk),
                            "expiresAt", clock.instant().plus(STATE_LIFETIME).getEpochSecond()),
                    "attribute_not_exists(pk)", null);
        } catch (ConditionFailed collision) {
            throw new IllegalStateException("a 256-bit random state collided", collision);
        }
        return new String[] {state, verifier};
    }

    /** The verifier of a state, which is used up by this call; null when it is unknown, used or expired. */
    public String consumeState(String state) {
        String pk = stateKey(state);
        Map<String, Object> old;
        try {
            old = db.delete(table, Map.of("pk", pk), "attribute_exists(pk)", null);
        } catch (ConditionFailed unknownOrUsed) {
            return null;
        }
        if (old == null || !(old.get("expiresAt") instanceof Long expires)
                || expires <= clock.instant().getEpochSecond()) {
            return null; // DynamoDB's TTL deletes expired items only eventually
        }
        return sealer.open((String) old.get("verifier"), pk);
    }

    private static String userKey(String userId) {
        return "user#" + userId;
    }

    private static String stateKey(String state) {
        try {
            return "state#" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(state.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException("every JDK has SHA-256", impossible);
        }
    }
}
