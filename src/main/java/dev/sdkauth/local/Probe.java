package dev.sdkauth.local;

import dev.sdkauth.credentials.Product;
import dev.sdkauth.doctor.Expectations;
import dev.sdkauth.doctor.Kind;

import java.net.URI;

/**
 * One request {@code check} sends as a front end would, and what the token it gets back must be.
 *
 * @param body         the JSON body, a request the endpoint issues by default policy: a participant (role 0)
 * @param expectations what the token is for (its session or meeting), from this deployment
 * @param zakUser      the Zoom user whose ZAK the body asks for ({@code --zak-user}), or null
 */
record Probe(Product product, Kind kind, URI url, String body, Expectations expectations, String zakUser) {
}
