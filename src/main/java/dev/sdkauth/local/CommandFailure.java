package dev.sdkauth.local;

/**
 * Why a command stops, in one line that names the cause and what to do: the only way a command ends other than
 * normally, so that the command line never shows a stack trace (none is recorded).
 */
final class CommandFailure extends Exception {
    /** The command line was wrong: exit status 2. */
    static final int USAGE = 2;
    /** The command ran and found a problem, or could not do what it was asked: exit status 1. */
    static final int REFUSED = 1;

    private final int status;

    private CommandFailure(int status, String line) {
        super(line, null, false, false);
        this.status = status;
    }

    static CommandFailure usage(String line) {
        return new CommandFailure(USAGE, line);
    }

    static CommandFailure refused(String line) {
        return new CommandFailure(REFUSED, line);
    }

    int status() {
        return status;
    }
}
