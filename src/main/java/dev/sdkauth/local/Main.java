package dev.sdkauth.local;

import dev.sdkauth.Setting;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import dev.sdkauth.Environment;
import dev.sdkauth.credentials.Credentials;
import dev.sdkauth.credentials.Product;
import dev.sdkauth.handler.TokenHandler;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;

/**
 * The jar's command line: {@code serve [--port N] [--host H]} runs a local HTTP API, {@code invoke EVENT.json}
 * runs the handler once on a proxy event file, as {@code sam local invoke -e} does, and {@code doctor TOKEN} says
 * why Zoom would refuse a token ({@link DoctorCommand}). No Docker, no AWS needed.
 */
public final class Main {
    private static final String USAGE = """
            usage: java -jar function.jar serve [--port N] [--host ADDRESS]
                   java -jar function.jar invoke EVENT.json   (or - for standard input)
            """ + DoctorCommand.USAGE;

    private Main() {
    }

    public static void main(String[] args) throws Exception {
        int status = run(args, System.in, System.out, System.err, Environment.system(), new CountDownLatch(1));
        if (status != 0) {
            System.exit(status);
        }
    }

    /** Serves until {@code stop} opens; answers the process exit status. */
    static int run(String[] args, InputStream in, PrintStream out, PrintStream err, Environment env,
                   CountDownLatch stop) throws IOException, InterruptedException {
        return run(args, in, out, err, env, stop, Clock.systemUTC());
    }

    /** @param clock what {@code doctor} judges token times by */
    static int run(String[] args, InputStream in, PrintStream out, PrintStream err, Environment env,
                   CountDownLatch stop, Clock clock) throws IOException, InterruptedException {
        if (args.length == 0) {
            err.print(USAGE);
            return 2;
        }
        LambdaLogger log = new StderrLogger(err);
        switch (args[0]) {
            case "serve" -> {
                String host = "127.0.0.1";
                int port = parsePort(env.get(Setting.PORT));
                for (int i = 1; i < args.length; i += 2) {
                    String value = i + 1 < args.length ? args[i + 1] : null;
                    if (value == null || !(args[i].equals("--port") || args[i].equals("--host"))) {
                        err.print(USAGE);
                        return 2;
                    }
                    if (args[i].equals("--port")) {
                        port = parsePort(value);
                    } else {
                        host = value;
                    }
                }
                if (port < 0) {
                    err.println("--port needs a number from 0 to 65535");
                    return 2;
                }
                TokenHandler handler = handler(env, err, log);
                try (LocalServer server = LocalServer.start(handler, host, port)) {
                    Runtime.getRuntime().addShutdownHook(new Thread(stop::countDown));
                    err.println("Zoom SDK auth endpoint listening on http://" + host + ":" + server.port()
                            + "  (POST / for Video SDK, POST /meeting for Meeting SDK)");
                    stop.await();
                }
                return 0;
            }
            case "invoke" -> {
                if (args.length != 2) {
                    err.print(USAGE);
                    return 2;
                }
                // The handler first: its credential fetch then overlaps reading the event.
                TokenHandler handler = handler(env, err, log);
                byte[] event;
                try (InputStream json = args[1].equals("-") ? in : Files.newInputStream(Path.of(args[1]))) {
                    event = json.readAllBytes();
                } catch (IOException unreadable) {
                    err.println("Cannot read an event from " + args[1] + ": " + unreadable.getMessage());
                    return 1;
                }
                // The handler reads the event as Lambda hands it over: REST, HTTP API, function URL or ALB.
                ByteArrayOutputStream answer = new ByteArrayOutputStream();
                handler.handleRequest(new ByteArrayInputStream(event), answer,
                        new LocalContext(UUID.randomUUID().toString(), log));
                out.println(answer.toString(StandardCharsets.UTF_8));
                return 0;
            }
            case "doctor" -> {
                return DoctorCommand.run(args, in, out, err, env, clock, USAGE);
            }
            default -> {
                err.print(USAGE);
                return 2;
            }
        }
    }

    private static TokenHandler handler(Environment env, PrintStream err, LambdaLogger log) {
        for (Product product : Product.values()) {
            if (Credentials.unconfigured(product, env)) {
                err.println("WARNING: no " + product.label() + " credentials configured (" + product.keyVariable()
                        + "/" + product.secretVariable() + " or their _PARAMETER variables): signing with built-in"
                        + " DEVELOPMENT credentials. Zoom will reject these tokens.");
            }
        }
        return TokenHandler.local(env, Clock.systemUTC(), log);
    }

    private static int parsePort(String text) {
        try {
            int port = Integer.parseInt(text.strip());
            return port >= 0 && port <= 65535 ? port : -1;
        } catch (NumberFormatException notANumber) {
            return -1;
        }
    }
}
