package dev.sdkauth.local;

import com.amazonaws.services.lambda.runtime.LambdaLogger;
import dev.sdkauth.Environment;
import dev.sdkauth.Json;
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
import java.util.List;

/**
 * {@code doctor TOKEN|- [--session NAME | --meeting NUMBER] [--secret-env VAR] [--json]}: the command line around
 * {@link Doctor}. Exit status 0 without error findings, 1 with one or more, 2 for a usage mistake.
 */
final class DoctorCommand {
    static final String USAGE = """
            java -jar function.jar doctor TOKEN   (or - for standard input)
                   [--session NAME | --meeting NUMBER] [--secret-env VAR] [--json]
                   why Zoom would refuse a token (docs/doctor.md)
            """;
    /** No token is longer; the doctor says so of anything longer, so reading more is pointless. */
    private static final int MAX_INPUT_BYTES = 64 * 1024;

    private DoctorCommand() {
    }

    static int run(String[] args, InputStream in, PrintStream out, Environment env, Clock clock, LambdaLogger log)
            throws CommandFailure, IOException {
        Arguments arguments = Arguments.parse(args, List.of("--json"),
                List.of("--session", "--meeting", "--secret-env"));
        arguments.exclusive("--session", "--meeting", "a token is for a Video SDK session (--session) or for a"
                + " Meeting SDK meeting (--meeting), never both; give the one the token is for");
        String token = arguments.single("the token, or - to read it from standard input");
        String meeting = arguments.meetingNumber("--meeting");
        ExplicitSecret secret = secret(arguments.value("--secret-env"), env);
        String input = token.equals("-")
                ? new String(in.readNBytes(MAX_INPUT_BYTES), StandardCharsets.UTF_8) : token;
        Doctor doctor = new Doctor(clock, secret != null ? ConfiguredCredentials.NONE
                : ConfiguredCredentials.asTheFunctionReadsThem(env, clock, log));
        Report report = doctor.examine(input, new Expectations(arguments.value("--session"), meeting), secret);
        if (arguments.has("--json")) {
            out.println(Json.write(report.json()));
        } else {
            out.print(ReportText.render(report, Math.floorDiv(clock.millis(), 1000)));
        }
        return report.exitStatus();
    }

    private static ExplicitSecret secret(String variable, Environment env) throws CommandFailure {
        if (variable == null) {
            return null;
        }
        String value = env.named(variable);
        if (value == null) {
            throw CommandFailure.usage(variable + " (named by --secret-env) is not set: export the secret in it"
                    + " first, or leave --secret-env out to check with the configured credentials");
        }
        return new ExplicitSecret(variable, new SecretKeySpec(value.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    }
}
