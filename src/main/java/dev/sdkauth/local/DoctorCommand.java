package dev.sdkauth.local;

import com.amazonaws.services.lambda.runtime.LambdaLogger;
import dev.sdkauth.Environment;
import dev.sdkauth.Json;
import dev.sdkauth.credentials.CredentialStore;
import dev.sdkauth.credentials.Credentials;
import dev.sdkauth.aws.SsmParameters;
import dev.sdkauth.doctor.ConfiguredCredentials;
import dev.sdkauth.doctor.Doctor;
import dev.sdkauth.doctor.Expectations;
import dev.sdkauth.doctor.ExplicitSecret;
import dev.sdkauth.doctor.Report;
import dev.sdkauth.doctor.ReportText;

import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;

/**
 * {@code doctor TOKEN|- [--session NAME | --meeting NUMBER] [--secret-env VAR] [--json]}: the command line around
 * {@link Doctor}. Exit status 0 without error findings, 1 with one or more, 2 for a usage mistake.
 */
final class DoctorCommand {
    static final String USAGE = """
                   java -jar function.jar doctor TOKEN   (or - for standard input)
                          [--session NAME | --meeting NUMBER] [--secret-env VAR] [--json]
            """;
    /** No token is longer; the doctor says so of anything longer, so reading more is pointless. */
    private static final int MAX_INPUT_BYTES = 64 * 1024;

    private DoctorCommand() {
    }

    /** @param args the whole command line, {@code doctor} first */
    static int run(String[] args, InputStream in, PrintStream out, PrintStream err, Environment env, Clock clock,
                   String usage) throws IOException {
        String token = null;
        String session = null;
        String meeting = null;
        String secretVariable = null;
        boolean json = false;
        for (int i = 1; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--json")) {
                json = true;
                continue;
            }
            if (arg.equals("--session") || arg.equals("--meeting") || arg.equals("--secret-env")) {
                if (i + 1 >= args.length) {
                    return mistake(err, usage, arg + " needs a value");
                }
                String value = args[++i];
                switch (arg) {
                    case "--session" -> session = value;
                    case "--meeting" -> meeting = value;
                    default -> secretVariable = value;
                }
                continue;
            }
            if (arg.startsWith("--") || token != null) {
                return mistake(err, usage, token != null ? "one token at a time" : "unknown option " + arg);
            }
            token = arg;
        }
        if (token == null) {
            return mistake(err, usage, "give the token, or - to read it from standard input");
        }
        if (meeting != null) {
            // People copy meeting numbers as Zoom shows them: "857 4606 5432" or "857-4606-5432".
            meeting = meeting.replaceAll("[\\s-]", "");
            if (!meeting.matches("\\d{1,20}")) {
                return mistake(err, usage, "--meeting needs a meeting number: digits");
            }
        }
        ExplicitSecret secret = null;
        if (secretVariable != null) {
            String value = env.named(secretVariable);
            if (value == null) {
                return mistake(err, usage, secretVariable + " (named by --secret-env) is not set");
            }
            secret = new ExplicitSecret(secretVariable,
                    new SecretKeySpec(value.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        }
        String input = token.equals("-")
                ? new String(in.readNBytes(MAX_INPUT_BYTES), StandardCharsets.UTF_8) : token;
        LambdaLogger log = new StderrLogger(err);
        Doctor doctor = new Doctor(clock, secret != null ? ConfiguredCredentials.NONE : configured(env, clock, log));
        Report report = doctor.examine(input, new Expectations(session, meeting), secret);
        if (json) {
            out.println(Json.write(report.json()));
        } else {
            out.print(ReportText.render(report, Math.floorDiv(clock.millis(), 1000)));
        }
        return report.exitStatus();
    }

    /**
     * The function's own credentials, read as the deployed function reads them (ZOOM_* variables or SSM), never the
     * local CLI's development ones: a token signed with those is not one Zoom accepts. Nothing is fetched until the
     * doctor asks, and only for a product that is configured.
     */
    private static ConfiguredCredentials configured(Environment env, Clock clock, LambdaLogger log) {
        CredentialStore store = Credentials.store(env, new SsmParameters(env), false, Credentials.cacheTtl(env, log),
                clock, log);
        return product -> Credentials.unconfigured(product, env) ? null : store.load(product);
    }

    private static int mistake(PrintStream err, String usage, String problem) {
        err.println("doctor: " + problem);
        err.print(usage);
        return 2;
    }
}
