package dev.sdkauth.testing;

import java.time.Duration;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * Waiting for something another thread or process does, with a deadline and no fixed sleep: the condition is
 * polled every few milliseconds, the wait ends as soon as it holds, and a condition that never holds fails the test
 * with what was awaited instead of letting it run on.
 */
public final class Await {
    /** Long enough for a loaded CI machine, short enough that a hang is reported rather than waited out. */
    public static final Duration DEFAULT = Duration.ofSeconds(20);
    private static final long POLL_MILLIS = 5;

    private Await() {
    }

    /** Waits until {@code condition} holds, for at most {@link #DEFAULT}; fails with {@code what} otherwise. */
    public static void until(String what, BooleanSupplier condition) {
        until(what, DEFAULT, condition);
    }

    public static void until(String what, Duration limit, BooleanSupplier condition) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline >= 0) {
                fail("gave up after " + limit.toMillis() + " ms waiting for " + what);
            }
            pause();
        }
    }

    /**
     * Checks that {@code condition} stays false for the whole of {@code period}: for things that must not happen,
     * where only a window can show it. Fails as soon as it becomes true.
     */
    public static void never(String what, Duration period, BooleanSupplier condition) {
        long end = System.nanoTime() + period.toNanos();
        while (System.nanoTime() - end < 0) {
            if (condition.getAsBoolean()) {
                fail("happened, and must not have: " + what);
            }
            pause();
        }
    }

    private static void pause() {
        try {
            Thread.sleep(POLL_MILLIS);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            fail("interrupted while waiting");
        }
    }
}
