package dev.sdkauth;

/**
 * Who calls the endpoint, and so what it may tell them and hand out by default. Deployed, the caller is a stranger
 * on the internet; locally ({@code serve}, {@code invoke}), it is the operator at their own machine.
 */
public enum Mode {
    /**
     * Inside Lambda: a product with no credentials configured answers 503 instead of signing with development
     * ones; a 5xx answer says what kind of failure it was and gives the request ID, while the detail goes to the
     * log only; host tokens go to anonymous callers only when {@link Setting#ANONYMOUS_HOST_TOKENS} says so.
     */
    DEPLOYED,
    /** The local command line: development credentials, detailed 5xx reasons, host tokens for anyone. */
    LOCAL
}
