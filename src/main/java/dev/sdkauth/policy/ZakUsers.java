package dev.sdkauth.policy;

import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * {@code ZAK_USERS}: whose ZAK the endpoint hands out. Empty (the default): nobody's. A comma-separated list of
 * Zoom user IDs and e-mails: only those users'. {@code *}: any user of the account's. {@code caller}: the caller's
 * own, by the e-mail claim of a Cognito authorizer. E-mails are compared without regard to case, as Zoom treats
 * them; user IDs exactly.
 */
record ZakUsers(Who who, Set<String> listed) {
    enum Who { NOBODY, LISTED, ANY, CALLER }

    static ZakUsers parse(String setting) {
        if (setting == null) {
            return new ZakUsers(Who.NOBODY, Set.of());
        }
        if (setting.equals("*")) {
            return new ZakUsers(Who.ANY, Set.of());
        }
        if (setting.equalsIgnoreCase("caller")) {
            return new ZakUsers(Who.CALLER, Set.of());
        }
        Set<String> users = new HashSet<>();
        for (String entry : setting.split(",")) {
            if (!entry.isBlank()) {
                users.add(normal(entry.strip()));
            }
        }
        return new ZakUsers(users.isEmpty() ? Who.NOBODY : Who.LISTED, Set.copyOf(users));
    }

    /** Why {@code caller} may not have {@code user}'s ZAK, or null. Names the setting, never the list. */
    String refusal(Caller caller, String property, String user) {
        return switch (who) {
            case NOBODY -> property + ": this endpoint hands out no ZAKs; the operator chooses whose with the"
                    + " template parameter ZakUsers (ZAK_USERS)";
            case ANY -> null;
            case LISTED -> listed.contains(normal(user)) ? null
                    : property + " is not a user whose ZAK this endpoint hands out (ZAK_USERS)";
            case CALLER -> {
                String email = caller.attribute("email");
                yield email != null && normal(email).equals(normal(user)) ? null
                        : property + ": callers get only their own ZAK, by their authorizer's email claim"
                        + " (ZAK_USERS=caller)";
            }
        };
    }

    /** An e-mail lower-cased; a user ID as it is. */
    private static String normal(String user) {
        return user.contains("@") ? user.toLowerCase(Locale.ROOT) : user;
    }
}
