package dev.sdkauth.request;

/** Reads a present JSON value ({@link dev.sdkauth.Json}: possibly its NULL) as the Java type a property needs. */
@FunctionalInterface
public interface Coercion<T> {
    T read(Object value) throws Invalid;
}
