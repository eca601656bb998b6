package dev.sdkauth.local;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The words after a command's name: its positionals, and the options it takes (flags, or options followed by a
 * value), each at most once. Anything else is a usage mistake named as such, before the command does anything.
 */
final class Arguments {
    private final List<String> positionals = new ArrayList<>();
    private final Map<String, String> options = new LinkedHashMap<>();

    private Arguments() {
    }

    /**
     * @param args    the whole command line, the command's name first
     * @param flags   options that take no value
     * @param valued  options followed by a value
     */
    static Arguments parse(String[] args, List<String> flags, List<String> valued) throws CommandFailure {
        Arguments parsed = new Arguments();
        for (int i = 1; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("-") || arg.equals("-")) {
                parsed.positionals.add(arg);
                continue;
            }
            if (!flags.contains(arg) && !valued.contains(arg)) {
                List<String> known = new ArrayList<>(valued.stream().map(option -> option + " VALUE").toList());
                known.addAll(flags);
                throw CommandFailure.usage("unknown option " + arg + (known.isEmpty() ? "; it takes none"
                        : "; it takes " + String.join(", ", known)));
            }
            if (parsed.options.containsKey(arg)) {
                throw CommandFailure.usage(arg + " is given twice; give it once");
            }
            String value = "";
            if (valued.contains(arg)) {
                if (i + 1 >= args.length) {
                    throw CommandFailure.usage(arg + " needs a value after it");
                }
                value = args[++i];
            }
            parsed.options.put(arg, value);
        }
        return parsed;
    }

    List<String> positionals() {
        return positionals;
    }

    boolean has(String option) {
        return options.containsKey(option);
    }

    /** The option's value, or null when it was not given. */
    String value(String option) {
        return options.get(option);
    }

    /**
     * The option's meeting number as digits, or null when it was not given. People copy meeting numbers as Zoom
     * shows them: "857 4606 5432" or "857-4606-5432".
     */
    String meetingNumber(String option) throws CommandFailure {
        String value = value(option);
        if (value == null) {
            return null;
        }
        String digits = value.replaceAll("[\\s-]", "");
        if (!digits.matches("\\d{1,20}")) {
            throw CommandFailure.usage(option + " needs a meeting number: up to 20 digits, spaces and dashes"
                    + " allowed");
        }
        return digits;
    }

    /** Refuses the two options together: {@code why} says what each is for. */
    void exclusive(String one, String other, String why) throws CommandFailure {
        if (has(one) && has(other)) {
            throw CommandFailure.usage(one + " and " + other + " exclude each other: " + why);
        }
    }

    /** Exactly one positional, or a usage mistake that says what it is ({@code what}, e.g. "the token"). */
    String single(String what) throws CommandFailure {
        if (positionals.isEmpty()) {
            throw CommandFailure.usage("give " + what);
        }
        if (positionals.size() > 1) {
            throw CommandFailure.usage("takes one argument (" + what + "), got " + positionals.size());
        }
        return positionals.get(0);
    }
}
