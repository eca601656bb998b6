package dev.sdkauth.request;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The two request dialects {@code POST /} accepts, told apart by their property names. A body is in the seed
 * dialect when it uses a name only that dialect has; otherwise (an empty body included) it is official.
 */
public enum VideoDialect {
    OFFICIAL(Contracts.VIDEO, "sessionName", "role", "expirationSeconds", 1),
    SEED(Contracts.VIDEO_SEED, "topic", "roleType", "expirationMinutes", 60);

    private final Contract contract;
    private final String sessionNameProperty;
    private final String roleProperty;
    private final String lifetimeProperty;
    private final long secondsPerLifetimeUnit;

    VideoDialect(Contract contract, String sessionNameProperty, String roleProperty, String lifetimeProperty,
                 long secondsPerLifetimeUnit) {
        this.contract = contract;
        this.sessionNameProperty = sessionNameProperty;
        this.roleProperty = roleProperty;
        this.lifetimeProperty = lifetimeProperty;
        this.secondsPerLifetimeUnit = secondsPerLifetimeUnit;
    }

    public Contract contract() {
        return contract;
    }

    public String sessionNameProperty() {
        return sessionNameProperty;
    }

    public String roleProperty() {
        return roleProperty;
    }

    /** The property holding the lifetime: seconds in the official dialect, minutes in the seed one. */
    public String lifetimeProperty() {
        return lifetimeProperty;
    }

    /**
     * This dialect's name for a property of the official dialect: the claims tables are written in official names,
     * and the seed dialect spells the session name and role differently.
     */
    public String property(String officialName) {
        if (officialName.equals(OFFICIAL.sessionNameProperty)) {
            return sessionNameProperty;
        }
        if (officialName.equals(OFFICIAL.roleProperty)) {
            return roleProperty;
        }
        return officialName;
    }

    /** The name logs and metrics use: {@code official} or {@code seed}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public String sessionName(Validated request) {
        return request.text(sessionNameProperty);
    }

    /** Only called on a validated request, where role is required and present. */
    public long role(Validated request) {
        return request.integer(roleProperty, 0);
    }

    /** The requested lifetime in seconds; the default applies only where the lifetime is optional (official). */
    public long lifetimeSeconds(Validated request) {
        return request.integer(lifetimeProperty, Contracts.DEFAULT_EXPIRATION_SECONDS / secondsPerLifetimeUnit)
                * secondsPerLifetimeUnit;
    }

    /** The dialect a body is written in; a body that mixes both dialects' own names has no dialect. */
    public static Detection detect(Map<String, Object> body) {
        List<String> official = new ArrayList<>();
        List<String> seed = new ArrayList<>();
        body.keySet().forEach(name -> {
            if (Names.OFFICIAL_ONLY.contains(name)) {
                official.add(name);
            } else if (Names.SEED_ONLY.contains(name)) {
                seed.add(name);
            }
        });
        if (!official.isEmpty() && !seed.isEmpty()) {
            List<ValidationError> errors = new ArrayList<>();
            String reason = " mixes request dialects: " + String.join(", ", official) + " belong(s) to the"
                    + " sessionName/role/expirationSeconds dialect, " + String.join(", ", seed) + " to the"
                    + " topic/roleType/expirationMinutes dialect; use one dialect";
            official.forEach(name -> errors.add(new ValidationError(name, name + reason)));
            seed.forEach(name -> errors.add(new ValidationError(name, name + reason)));
            return new Detection(null, errors);
        }
        return new Detection(seed.isEmpty() ? OFFICIAL : SEED, List.of());
    }

    /** A detected dialect, or the conflicts that prevented one. */
    public record Detection(VideoDialect dialect, List<ValidationError> conflicts) {
    }

    /** Derived from the contract tables so that a property added to one dialect cannot be forgotten here. */
    private static final class Names {
        static final Set<String> OFFICIAL_ONLY = difference(Contracts.VIDEO, Contracts.VIDEO_SEED);
        static final Set<String> SEED_ONLY = difference(Contracts.VIDEO_SEED, Contracts.VIDEO);

        private static Set<String> difference(Contract from, Contract without) {
            Set<String> names = new HashSet<>(from.propertyNames());
            names.removeAll(without.propertyNames());
            return Set.copyOf(names);
        }
    }
}
