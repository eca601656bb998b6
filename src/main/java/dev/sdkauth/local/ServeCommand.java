package dev.sdkauth.local;

import com.amazonaws.services.lambda.runtime.LambdaLogger;
import dev.sdkauth.Environment;
import dev.sdkauth.Setting;
import dev.sdkauth.Text;

import java.io.IOException;
import java.io.PrintStream;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/** {@code serve [--port N] [--host ADDRESS]}: the endpoint on this machine, until the process is stopped. */
final class ServeCommand {
    static final String USAGE = """
            java -jar function.jar serve [--port N] [--host ADDRESS]
                   the endpoint on http://127.0.0.1:4000 (PORT also sets the port; --host 0.0.0.0 exposes it)
            """;
    private static final String DEFAULT_HOST = "127.0.0.1";

    private ServeCommand() {
    }

    /** Serves until {@code stop} opens. */
    static int run(String[] args, PrintStream err, Environment env, CountDownLatch stop, LambdaLogger log)
            throws CommandFailure, InterruptedException {
        Arguments arguments = Arguments.parse(args, List.of(), List.of("--port", "--host"));
        if (!arguments.positionals().isEmpty()) {
            throw CommandFailure.usage("serve takes no arguments, only --port N and --host ADDRESS; got "
                    + Text.clip(arguments.positionals().get(0), 40));
        }
        int port = arguments.has("--port") ? port(arguments.value("--port"), "--port")
                : port(env.get(Setting.PORT), Setting.PORT.name());
        String host = arguments.has("--host") ? arguments.value("--host") : DEFAULT_HOST;
        InetSocketAddress address = new InetSocketAddress(host, port);
        if (address.isUnresolved()) {
            throw CommandFailure.refused("cannot resolve host " + Text.clip(host, 100) + " (--host): give an address"
                    + " of this machine, such as 127.0.0.1, or 0.0.0.0 to listen on all of them");
        }
        try (LocalServer server = bind(address, host, port)) {
            server.serve(Main.handler(env, err, log));
            Runtime.getRuntime().addShutdownHook(new Thread(stop::countDown));
            err.println("Zoom SDK auth endpoint listening on http://" + host + ":" + server.port()
                    + "  (POST / for Video SDK, POST /meeting for Meeting SDK)");
            stop.await();
        }
        return 0;
    }

    private static LocalServer bind(InetSocketAddress address, String host, int port) throws CommandFailure {
        try {
            return LocalServer.bind(address);
        } catch (BindException taken) {
            String reason = String.valueOf(taken.getMessage());
            if (reason.contains("in use")) {
                throw CommandFailure.refused("port " + port + " on " + host + " is in use: stop what listens there,"
                        + " or choose another port with --port N (or PORT); --port 0 picks a free one");
            }
            throw CommandFailure.refused("cannot listen on " + host + ":" + port + " (" + Text.clip(reason, 100)
                    + "): is " + host + " an address of this machine? --host 127.0.0.1 always is");
        } catch (IOException failed) {
            throw CommandFailure.refused("cannot listen on " + host + ":" + port + ": "
                    + failed.getClass().getSimpleName() + " " + Text.clip(failed.getMessage(), 100));
        }
    }

    /** A port number, or a usage mistake naming where it came from ({@code --port} or {@code PORT}). */
    private static int port(String text, String source) throws CommandFailure {
        try {
            int port = Integer.parseInt(text.strip());
            if (port >= 0 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException notANumber) {
            // said below
        }
        throw CommandFailure.usage(source + " must be a port number from 0 to 65535, got \"" + Text.clip(text, 40)
                + "\"" + (source.equals("PORT") ? " (from the environment; unset it or fix it)" : ""));
    }
}
