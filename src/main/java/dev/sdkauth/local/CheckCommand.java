package dev.sdkauth.local;

import com.amazonaws.services.lambda.runtime.LambdaLogger;
import dev.sdkauth.Environment;
import dev.sdkauth.Json;
import dev.sdkauth.Text;
import dev.sdkauth.credentials.Credentials;
import dev.sdkauth.credentials.Product;
import dev.sdkauth.doctor.ConfiguredCredentials;
import dev.sdkauth.doctor.Expectations;
import dev.sdkauth.doctor.Kind;
import dev.sdkauth.doctor.Severity;

import java.io.PrintStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code check URL}: tries a deployed (or local) endpoint as a front end would, and judges what it answers: the
 * preflight and the POST, their status and CORS headers, the answer's shape, and each token, by the doctor,
 * against the credentials the function itself would use. Exit status 0 only when every token verifies with the
 * configured secret and nothing is an error.
 */
final class CheckCommand {
    static final String USAGE = """
            java -jar function.jar check URL [--meeting] [--session NAME] [--meeting-number NUMBER]
                   [--zak-user USER] [--origin ORIGIN] [--api-key KEY | --bearer TOKEN | --iam [--iam-service SERVICE]] [--json]
                   tries a deployed endpoint as a front end would, and judges its answers and tokens
            """;
    /** What a front end in development runs on; --origin names the real one. */
    static final String DEFAULT_ORIGIN = "http://localhost:3000";
    /** A name no policy pattern is likely to have been written against; --session chooses another. */
    static final String DEFAULT_SESSION = "sdkauth-check";
    static final String DEFAULT_MEETING_NUMBER = "1234567890";
    /** The longest zakUser the endpoint's contract takes (Contracts.MEETING). */
    private static final int LONGEST_ZAK_USER = 128;

    private CheckCommand() {
    }

    static int run(String[] args, PrintStream out, Environment env, Clock clock, LambdaLogger log)
            throws CommandFailure {
        Arguments arguments = Arguments.parse(args, List.of("--meeting", "--iam", "--json"),
                List.of("--session", "--meeting-number", "--zak-user", "--origin", "--api-key", "--bearer",
                        "--iam-service"));
        String why = "an endpoint has one AuthMode; give the option of that one";
        arguments.exclusive("--api-key", "--bearer", why);
        arguments.exclusive("--api-key", "--iam", why);
        arguments.exclusive("--bearer", "--iam", why);
        if (arguments.has("--iam-service") && !arguments.has("--iam")) {
            throw CommandFailure.usage("--iam-service goes with --iam: it names the service SigV4 signs for");
        }
        URI base = url(arguments.single("the endpoint's URL, such as the stack's VideoSdkEndpoint output"));
        String origin = origin(arguments.value("--origin"));
        Authorization authorization = authorization(arguments, base, env, clock);
        List<Probe> probes = probes(arguments, base, env);

        FrontEnd frontEnd = new FrontEnd(origin, authorization);
        ConfiguredCredentials credentials = new CredentialsOnce(
                ConfiguredCredentials.asTheFunctionReadsThem(env, clock, log));
        ProbeJudge judge = new ProbeJudge(clock, credentials, origin, frontEnd.requestedHeaders(), authorization);
        List<ProbeResult> results = new ArrayList<>();
        for (Probe probe : probes) {
            ProbeResult result;
            try {
                result = judge.judge(probe, frontEnd.preflight(probe.url()), frontEnd.post(probe.url(), probe.body()));
            } catch (FrontEnd.Unreachable unreachable) {
                result = judge.unreachable(probe, unreachable.getMessage());
            }
            results.add(result);
        }
        boolean passed = results.stream().allMatch(ProbeResult::passed);
        if (arguments.has("--json")) {
            out.println(Json.write(json(base, origin, results, passed)));
        } else {
            results.forEach(result -> out.print(result.text()));
            out.println(summary(results, passed));
        }
        return passed ? 0 : CommandFailure.REFUSED;
    }

    /**
     * The Video SDK probe always; the Meeting SDK probe when the function has Meeting SDK credentials configured
     * (it then answers POST /meeting), or when asked for, a ZAK included. Both ask for a participant's token (role
     * 0), which no policy setting refuses on its own; a ZAK is the policy's own question (ZAK_USERS).
     */
    private static List<Probe> probes(Arguments arguments, URI base, Environment env) throws CommandFailure {
        String session = arguments.has("--session") ? arguments.value("--session") : DEFAULT_SESSION;
        List<Probe> probes = new ArrayList<>();
        Map<String, Object> video = new LinkedHashMap<>();
        video.put("sessionName", session);
        video.put("role", 0L);
        probes.add(new Probe(Product.VIDEO_SDK, Kind.VIDEO_SDK, base, Json.write(video),
                new Expectations(session, null, true), null));
        String number = arguments.meetingNumber("--meeting-number");
        String zakUser = zakUser(arguments.value("--zak-user"));
        if (arguments.has("--meeting") || number != null || zakUser != null
                || !Credentials.unconfigured(Product.MEETING_SDK, env)) {
            number = number == null ? DEFAULT_MEETING_NUMBER : number;
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("meetingNumber", number);
            body.put("role", 0L);
            if (zakUser != null) {
                body.put("zakUser", zakUser);
            }
            probes.add(new Probe(Product.MEETING_SDK, Kind.MEETING_SDK, meetingUrl(base), Json.write(body),
                    new Expectations(null, number, true), zakUser));
        }
        return probes;
    }

    /** A Zoom user ID or e-mail, as the endpoint's zakUser takes it; null when --zak-user was not given. */
    private static String zakUser(String option) throws CommandFailure {
        if (option == null) {
            return null;
        }
        String user = option.strip();
        if (user.isEmpty() || user.length() > LONGEST_ZAK_USER) {
            throw CommandFailure.usage("--zak-user needs a Zoom user ID or e-mail of 1 to " + LONGEST_ZAK_USER
                    + " characters");
        }
        return user;
    }

    /** {@code URL/meeting}, whether URL ends in a slash or not. */
    static URI meetingUrl(URI base) {
        String path = base.getRawPath();
        return base.resolve((path.endsWith("/") ? path : path + "/") + "meeting");
    }

    /** An absolute http(s) URL with a host, no query and no fragment, normalised to what a browser would send. */
    static URI url(String text) throws CommandFailure {
        URI url;
        try {
            url = new URI(text);
        } catch (URISyntaxException malformed) {
            throw CommandFailure.usage("the URL " + Text.clip(text, 100) + " is not a URL: " + malformed.getReason());
        }
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || url.getHost() == null) {
            throw CommandFailure.usage("the URL must be http:// or https:// with a host, such as"
                    + " https://abc123.execute-api.us-east-1.amazonaws.com/Prod/; got " + Text.clip(text, 100));
        }
        if (url.getRawQuery() != null || url.getRawFragment() != null || url.getRawUserInfo() != null) {
            throw CommandFailure.usage("the URL must have no query, fragment or user: give the endpoint's base URL,"
                    + " such as the stack's VideoSdkEndpoint output");
        }
        int port = url.getPort();
        boolean defaultPort = port == 443 && scheme.equals("https") || port == 80 && scheme.equals("http");
        String path = url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath();
        String authority = url.getRawAuthority();
        if (defaultPort) {
            // As a browser sends Host, and as the signer signs it: without the scheme's own port.
            authority = authority.substring(0, authority.lastIndexOf(':'));
        }
        try {
            return new URI(scheme + "://" + authority + path);
        } catch (URISyntaxException impossible) {
            throw CommandFailure.usage("the URL " + Text.clip(text, 100) + " is not a URL");
        }
    }

    private static String origin(String option) throws CommandFailure {
        if (option == null) {
            return DEFAULT_ORIGIN;
        }
        if (!option.matches("https?://[A-Za-z0-9.-]+(:\\d{1,5})?")) {
            throw CommandFailure.usage("--origin must be an origin as a browser sends it: scheme, host and port"
                    + " only, such as https://app.example.com or http://localhost:3000; got " + Text.clip(option, 100));
        }
        return option;
    }

    private static Authorization authorization(Arguments arguments, URI base, Environment env, Clock clock)
            throws CommandFailure {
        if (arguments.has("--api-key")) {
            return Authorization.InHeader.apiKey(arguments.value("--api-key"));
        }
        if (arguments.has("--bearer")) {
            return Authorization.InHeader.bearer(arguments.value("--bearer"));
        }
        if (arguments.has("--iam")) {
            return Authorization.Iam.of(base, arguments.value("--iam-service"), env, clock);
        }
        return new Authorization.None();
    }

    private static Map<String, Object> json(URI base, String origin, List<ProbeResult> results, boolean passed) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("url", base.toString());
        json.put("origin", origin);
        json.put("passed", passed);
        json.put("probes", results.stream().map(ProbeResult::json).toList());
        return json;
    }

    private static String summary(List<ProbeResult> results, boolean passed) {
        long errors = results.stream().mapToLong(result -> result.count(Severity.ERROR)).sum();
        long warnings = results.stream().mapToLong(result -> result.count(Severity.WARNING)).sum();
        String counted = errors + " error" + (errors == 1 ? "" : "s") + ", " + warnings + " warning"
                + (warnings == 1 ? "" : "s");
        boolean zak = results.stream().anyMatch(result -> result.zak() != null && result.zak().returned());
        // A ZAK is Zoom's, signed with Zoom's key: check vouches for its expiry, never for its signature.
        return passed ? "check: passed (" + counted + "): every " + (zak ? "SDK " : "") + "token verifies with the"
                + " configured secret and the doctor finds no error" + (zak ? "; the ZAK came back unexpired (Zoom"
                + " signs it, so check cannot verify it)." : ".")
                : "check: failed (" + counted + "): each ERROR above says what to fix.";
    }
}
