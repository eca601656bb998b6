package dev.sdkauth.aws;

/**
 * An AWS call could not be made or was refused. The message names what was asked for, where, and the error type
 * AWS gave, in words an operator can act on; it never holds a secret access key, a session token or a parameter
 * value. It may name parameter names, endpoints and credential sources, so callers decide whether it can be shown
 * to whoever asked.
 */
public final class AwsException extends RuntimeException {
    public AwsException(String reason) {
        super(reason, null, false, false);
    }
}
