package dev.sdkauth.handler;

import dev.sdkauth.Environment;
import dev.sdkauth.Setting;
import dev.sdkauth.aws.DynamoDb;
import dev.sdkauth.credentials.AppSecret;
import dev.sdkauth.credentials.CredentialStore;
import dev.sdkauth.credentials.CredentialsUnavailable;
import dev.sdkauth.credentials.Product;
import dev.sdkauth.credentials.SdkCredentials;
import dev.sdkauth.grants.Grants;
import dev.sdkauth.grants.UserTokens;
import dev.sdkauth.zoom.UserOAuth;
import dev.sdkauth.zoom.ZoomException;
import dev.sdkauth.zoom.ZoomHosts;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.UUID;

/**
 * The routes of users' grants, built on their first request (only when GRANTS_TABLE is set): not before, because
 * nothing of it may be in a SnapStart snapshot (a lease owner's name is unique per container), and other requests
 * load none of it. A class of its own rather than a lambda, whose creation would load the grants' classes at once.
 * Every secret is read from the credential store when a request needs it, so that rotating one in SSM reaches
 * running containers as the SDK secrets do.
 */
final class UserGrantsWiring {
    private final Environment env;
    private final CredentialStore credentials;
    private final Clock clock;
    private volatile UserTokens built;

    UserGrantsWiring(Environment env, CredentialStore credentials, Clock clock) {
        this.env = env;
        this.credentials = credentials;
        this.clock = clock;
    }

    UserTokens userTokens() {
        UserTokens current = built;
        if (current == null) {
            synchronized (this) {
                current = built;
                if (current == null) {
                    current = build();
                    built = current;
                }
            }
        }
        return current;
    }

    private UserTokens build() {
        String table = env.get(Setting.GRANTS_TABLE);
        DynamoDb db = new DynamoDb(env, clock);
        // Leases name their container: random per container, made when the first grant route runs (after a restore).
        String owner = "container-" + UUID.randomUUID();
        Clients clients = new Clients();
        return new UserTokens(new UserTokens.Sources(
                () -> clients.grants(db, table, owner), clients::oauth,
                () -> credentials.appSecret(AppSecret.CALLBACK_SECRET),
                () -> credentials.appSecret(AppSecret.WEBHOOK_SECRET_TOKEN),
                env.get(Setting.PUBLIC_URL), env.get(Setting.OAUTH_SUCCESS_URL)), clock);
    }

    /**
     * The OAuth client and the grants store, rebuilt only when a secret they are made of changed. A class of its own,
     * loaded with the first grant route, so that the wiring itself loads nothing of Zoom at start-up.
     */
    private final class Clients {
        private volatile Made made;

        private record Made(String key, String clientId, String clientSecret, UserOAuth oauth, Grants grants) {
        }

        UserOAuth oauth() {
            String id;
            String secret;
            if (credentials.has(AppSecret.OAUTH_CLIENT_ID)) {
                id = credentials.appSecret(AppSecret.OAUTH_CLIENT_ID);
                secret = credentials.appSecret(AppSecret.OAUTH_CLIENT_SECRET);
            } else {
                // In Zoom's general apps the Meeting SDK key and secret are the app's OAuth client credentials.
                SdkCredentials sdk = credentials.load(Product.MEETING_SDK);
                id = sdk.key();
                secret = new String(sdk.secret().getEncoded(), StandardCharsets.UTF_8);
            }
            Made current = made;
            if (current != null && current.clientId().equals(id) && current.clientSecret().equals(secret)) {
                return current.oauth();
            }
            ZoomHosts hosts;
            try {
                hosts = ZoomHosts.from(env);
            } catch (ZoomException misconfigured) {
                throw new CredentialsUnavailable(misconfigured.getMessage());
            }
            UserOAuth oauth = new UserOAuth(id, secret, hosts, clock);
            made = new Made(current == null ? null : current.key(), id, secret, oauth,
                    current == null ? null : current.grants());
            return oauth;
        }

        Grants grants(DynamoDb db, String table, String owner) {
            String key = credentials.appSecret(AppSecret.GRANTS_KEY);
            UserOAuth oauth = oauth();
            Made current = made;
            if (current.grants() != null && key.equals(current.key()) && current.oauth() == oauth) {
                return current.grants();
            }
            Grants grants;
            try {
                grants = new Grants(db, table, key, oauth, clock, owner);
            } catch (IllegalArgumentException badKey) {
                throw new CredentialsUnavailable(badKey.getMessage());
            }
            made = new Made(key, current.clientId(), current.clientSecret(), oauth, grants);
            return grants;
        }
    }
}
