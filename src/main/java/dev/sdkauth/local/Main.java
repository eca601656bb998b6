package dev.sdkauth.local;

import com.amazonaws.services.lambda.runtime.LambdaLogger;
import dev.sdkauth.Environment;
import dev.sdkauth.Text;
import dev.sdkauth.credentials.Credentials;
import dev.sdkauth.credentials.Product;
import dev.sdkauth.handler.TokenHandler;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * The jar's command line: {@code serve} runs a local HTTP API ({@link ServeCommand}), {@code invoke} runs the
 * handler once on a proxy event file ({@link InvokeCommand}), {@code doctor} says why Zoom would refuse a token
 * ({@link DoctorCommand}) and {@code check} tries a deployed endpoint ({@link CheckCommand}). No Docker needed.
 *
 * <p>Exit status: 0 when all is well, 1 for findings or a refusal (a port in use, an unreadable file, a token Zoom
 * would refuse), 2 for a usage mistake. Every failure is one line on standard error that names the cause and what
 * to do; never a stack trace.
 */
public final class Main {
    private static final String COMMANDS = "serve, invoke, doctor and check";
    private static final Map<String, String> USAGES = Map.of("serve", ServeCommand.USAGE,
            "invoke", InvokeCommand.USAGE, "doctor", DoctorCommand.USAGE, "check", CheckCommand.USAGE);
    private static final String USAGE = "usage: " + ServeCommand.USAGE + "       " + InvokeCommand.USAGE
            + "       " + DoctorCommand.USAGE + "       " + CheckCommand.USAGE + """
            exit status: 0 all is well, 1 findings or a refusal, 2 a usage mistake
            java -jar function.jar COMMAND --help shows one command
            """;
    private static final List<String> HELP = List.of("--help", "-h", "help");

    private Main() {
    }

    public static void main(String[] args) {
        int status = run(args, System.in, System.out, System.err, Environment.system(), new CountDownLatch(1));
        if (status != 0) {
            System.exit(status);
        }
    }

    /** Serves until {@code stop} opens; answers the process exit status. */
    static int run(String[] args, InputStream in, PrintStream out, PrintStream err, Environment env,
                   CountDownLatch stop) {
        return run(args, in, out, err, env, stop, Clock.systemUTC());
    }

    /** @param clock what {@code doctor} and {@code check} judge token times by */
    static int run(String[] args, InputStream in, PrintStream out, PrintStream err, Environment env,
                   CountDownLatch stop, Clock clock) {
        if (args.length == 0) {
            err.println("give a command: " + COMMANDS + " (java -jar function.jar --help shows them)");
            return CommandFailure.USAGE;
        }
        String command = args[0];
        if (HELP.contains(command)) {
            out.print(USAGE);
            return 0;
        }
        if (!USAGES.containsKey(command)) {
            err.println("unknown command " + Text.clip(command, 40) + ": the commands are " + COMMANDS
                    + " (java -jar function.jar --help shows them)");
            return CommandFailure.USAGE;
        }
        if (Arrays.stream(args).skip(1).anyMatch(List.of("--help", "-h")::contains)) {
            out.print("usage: " + USAGES.get(command));
            return 0;
        }
        LambdaLogger log = new StderrLogger(err);
        try {
            return switch (command) {
                case "serve" -> ServeCommand.run(args, err, env, stop, log);
                case "invoke" -> InvokeCommand.run(args, in, out, err, env, log);
                case "doctor" -> DoctorCommand.run(args, in, out, env, clock, log);
                default -> CheckCommand.run(args, out, env, clock, log);
            };
        } catch (CommandFailure failure) {
            err.println(command + ": " + failure.getMessage() + (failure.status() == CommandFailure.USAGE
                    ? " (java -jar function.jar " + command + " --help shows its usage)" : ""));
            return failure.status();
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            return 0;
        } catch (IOException | RuntimeException unexpected) {
            // A bug, or an I/O failure no command anticipated: still one line, with what is known of it.
            err.println(command + ": failed unexpectedly (" + unexpected.getClass().getSimpleName() + ": "
                    + Text.clip(unexpected.getMessage(), 200) + "); please report it with the command line");
            return CommandFailure.REFUSED;
        }
    }

    /** The local CLI's handler ({@code serve}, {@code invoke}), said to sign with development credentials if so. */
    static TokenHandler handler(Environment env, PrintStream err, LambdaLogger log) {
        for (Product product : Product.values()) {
            if (Credentials.unconfigured(product, env)) {
                err.println("WARNING: no " + product.label() + " credentials configured (" + product.keyVariable()
                        + "/" + product.secretVariable() + " or their _PARAMETER variables): signing with built-in"
                        + " DEVELOPMENT credentials. Zoom will reject these tokens.");
            }
        }
        return TokenHandler.local(env, Clock.systemUTC(), log);
    }
}
