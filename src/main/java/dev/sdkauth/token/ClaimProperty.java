package dev.sdkauth.token;

import java.util.List;

/**
 * One row of a claims table: a claim and the request properties it is taken from, first present wins. Property
 * names are those of the official contracts ({@code Contracts.VIDEO}, {@code Contracts.MEETING}), so that whoever
 * reads a claim can find the {@code Field} that decided its value: the claims builders and the token doctor read
 * the same rows.
 */
public record ClaimProperty(String claim, List<String> properties) {
    public ClaimProperty(String claim, String... properties) {
        this(claim, List.of(properties));
    }

    /** The property whose contract row judges this claim: the first, the one the claim is named after. */
    public String property() {
        return properties.get(0);
    }
}
