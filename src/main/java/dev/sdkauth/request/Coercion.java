package dev.sdkauth.request;

import com.fasterxml.jackson.databind.JsonNode;

/** Reads a present JSON value (possibly JSON null) as the Java type a property needs. */
@FunctionalInterface
public interface Coercion<T> {
    T read(JsonNode value) throws Invalid;
}
