package dev.sdkauth.zoom;

import dev.sdkauth.Environment;
import dev.sdkauth.credentials.CredentialStore;
import dev.sdkauth.credentials.CredentialsUnavailable;
import dev.sdkauth.token.ZakSource;

import java.time.Clock;

/**
 * ZAKs through the Server-to-Server OAuth app, wired on first use: a container that only ever signs Video SDK
 * tokens, or Meeting SDK tokens without a ZAK, never loads the Zoom client or resolves Zoom's hosts.
 */
public final class Zaks implements ZakSource {
    private final Environment env;
    private final CredentialStore credentials;
    private final Clock clock;
    private volatile ZakClient client;

    public Zaks(Environment env, CredentialStore credentials, Clock clock) {
        this.env = env;
        this.credentials = credentials;
        this.clock = clock;
    }

    @Override
    public String zak(String user) throws ZoomException {
        try {
            return client().zak(user);
        } catch (CredentialsUnavailable unavailable) {
            throw new ZoomException(ZoomException.Kind.MISCONFIGURED, unavailable.getMessage(), null);
        }
    }

    private ZakClient client() throws ZoomException {
        ZakClient current = client;
        if (current == null) {
            synchronized (this) {
                current = client;
                if (current == null) {
                    ZoomHosts hosts = ZoomHosts.from(env);
                    current = new ZakClient(new S2sTokens(credentials::s2s, hosts, clock), hosts);
                    client = current;
                }
            }
        }
        return current;
    }
}
