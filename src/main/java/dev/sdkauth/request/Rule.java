package dev.sdkauth.request;

/** A check on an already coerced value: answers why the value is not acceptable, or null when it is. */
@FunctionalInterface
public interface Rule<T> {
    String violation(T value);
}
