package dev.sdkauth.credentials;

import javax.crypto.SecretKey;

/** An SDK key (public, it goes into tokens) and its secret, ready as an HMAC key. */
public record SdkCredentials(String key, SecretKey secret) {
    @Override
    public String toString() {
        return "SdkCredentials[key=" + key + ", secret=<redacted>]";
    }
}
