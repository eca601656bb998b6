package dev.sdkauth.doctor;

import javax.crypto.SecretKey;

/**
 * A secret the person hands the doctor to check the signature with, and the name of the variable it came from (the
 * only thing about it ever printed).
 */
public record ExplicitSecret(String variable, SecretKey key) {
    @Override
    public String toString() {
        return "ExplicitSecret[variable=" + variable + ", key=<redacted>]";
    }
}
