package dev.sdkauth.local;

import dev.sdkauth.Json;
import dev.sdkauth.Text;
import dev.sdkauth.credentials.CredentialsUnavailable;
import dev.sdkauth.credentials.Product;
import dev.sdkauth.doctor.ConfiguredCredentials;
import dev.sdkauth.doctor.Doctor;
import dev.sdkauth.doctor.Finding;
import dev.sdkauth.doctor.Report;
import dev.sdkauth.doctor.Severity;
import dev.sdkauth.doctor.SignatureStatus;

import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Judges what an endpoint answered a probe: the preflight's and the POST's status and CORS headers, the answer's
 * shape, and the token, by the doctor, against the credentials the function itself would sign with.
 */
final class ProbeJudge {
    private static final Pattern JWT = Pattern.compile("eyJ[A-Za-z0-9_-]*\\.[A-Za-z0-9_-]*\\.[A-Za-z0-9_-]*");
    private static final String PREFLIGHT = "The CORS preflight (the OPTIONS a browser sends before the POST)";

    private final Clock clock;
    private final Doctor doctor;
    private final ZakJudge zaks;
    private final ConfiguredCredentials credentials;
    private final String origin;
    private final List<String> requestedHeaders;
    private final Authorization authorization;

    /**
     * @param credentials      the function's own, read once ({@link CredentialsOnce})
     * @param requestedHeaders what the preflight asked leave to send
     */
    ProbeJudge(Clock clock, ConfiguredCredentials credentials, String origin, List<String> requestedHeaders,
               Authorization authorization) {
        this.clock = clock;
        this.doctor = new Doctor(clock, credentials);
        this.zaks = new ZakJudge(doctor);
        this.credentials = credentials;
        this.origin = origin;
        this.requestedHeaders = requestedHeaders;
        this.authorization = authorization;
    }

    /** No answer at all: the one finding says why. */
    ProbeResult unreachable(Probe probe, String reason) {
        return new ProbeResult(probe, null, null, noZak(probe),
                List.of(Finding.error(null, "Cannot reach it: " + reason)));
    }

    ProbeResult judge(Probe probe, FrontEnd.Answer preflight, FrontEnd.Answer post) {
        List<Finding> findings = new ArrayList<>();
        preflight(preflight, findings);
        allowsOrigin("The answer to the POST", post, findings);
        Report report = null;
        ZakAnswer zak = noZak(probe);
        if (post.status() == 200) {
            Map<String, Object> body = Json.object(parsed(post.body()));
            report = token(probe, post, body, findings);
            if (report != null && probe.zakUser() != null) {
                zak = zaks.judge(probe.zakUser(), body.get("zak"), nowSeconds(), findings);
            }
        } else {
            String hint = hint(probe, post);
            findings.add(Finding.error(null, "The POST" + (probe.zakUser() == null ? ""
                    : " asking for the ZAK of " + probe.zakUser()) + " was answered " + post.status() + reason(post)
                    + "." + (hint.isEmpty() ? "" : " " + hint)));
        }
        // Errors first, each group in the order found (preflight, answer, token, ZAK), as the doctor orders its own.
        findings.sort(Comparator.comparing(Finding::severity));
        return new ProbeResult(probe, post.status(), report, zak, List.copyOf(findings));
    }

    private ZakAnswer noZak(Probe probe) {
        return probe.zakUser() == null ? null : ZakAnswer.none(probe.zakUser(), nowSeconds());
    }

    private long nowSeconds() {
        return Math.floorDiv(clock.millis(), 1000);
    }

    private void preflight(FrontEnd.Answer answer, List<Finding> findings) {
        if (answer.status() < 200 || answer.status() > 299) {
            findings.add(Finding.error(null, PREFLIGHT + " was answered " + answer.status() + reason(answer)
                    + ": the browser stops there, and the page sees only a network error. Fix: let OPTIONS"
                    + " through without authorization (every door of the template does)."));
            return;
        }
        allowsOrigin(PREFLIGHT, answer, findings);
        String methods = answer.header("access-control-allow-methods");
        if (!allows(methods, List.of("POST")).isEmpty()) {
            findings.add(Finding.error(null, PREFLIGHT + " does not allow POST (Access-Control-Allow-Methods: "
                    + shown(methods) + "). Fix: allow POST in the endpoint's CORS settings."));
        }
        String headers = answer.header("access-control-allow-headers");
        List<String> missing = allows(headers, requestedHeaders);
        if (!missing.isEmpty()) {
            findings.add(Finding.error(null, PREFLIGHT + " does not allow the request header(s) "
                    + String.join(", ", missing) + " (Access-Control-Allow-Headers: " + shown(headers) + "), so the"
                    + " browser does not send the POST. Fix: allow them in the endpoint's CORS settings."));
        }
    }

    /** A browser lets the page read an answer only when it allows the page's origin, by name or with *. */
    private void allowsOrigin(String what, FrontEnd.Answer answer, List<Finding> findings) {
        String allowed = answer.header("access-control-allow-origin");
        if (allowed == null) {
            findings.add(Finding.error(null, what + " has no Access-Control-Allow-Origin: a page on " + origin
                    + " cannot read it. Fix: add " + origin + " to AllowedOrigins, or pass --origin with your front"
                    + " end's own origin."));
        } else if (!allowed.equals("*") && !allowed.equals(origin)) {
            findings.add(Finding.error(null, what + " allows the origin " + shown(allowed) + ", not " + origin
                    + ": a page on " + origin + " cannot read it. Fix: add " + origin + " to AllowedOrigins, or"
                    + " pass --origin with your front end's own origin."));
        }
    }

    /** The names of {@code wanted} that a comma-separated CORS list does not name (case-insensitively) or allow with *. */
    private static List<String> allows(String list, List<String> wanted) {
        List<String> named = list == null ? List.of()
                : Arrays.stream(list.split(",")).map(name -> name.strip().toLowerCase(Locale.ROOT)).toList();
        if (named.contains("*")) {
            return List.of();
        }
        return wanted.stream().filter(name -> !named.contains(name.toLowerCase(Locale.ROOT))).toList();
    }

    /**
     * The 200 answer's shape and its token, judged by the doctor; null when there is no token to judge.
     *
     * @param body the answer's JSON object, or null when it is not one
     */
    private Report token(Probe probe, FrontEnd.Answer answer, Map<String, Object> body, List<Finding> findings) {
        String type = answer.header("content-type");
        if (type == null || !type.toLowerCase(Locale.ROOT).startsWith("application/json")) {
            findings.add(Finding.warning(null, "The answer's Content-Type is " + shown(type) + ", not"
                    + " application/json: a front end that checks it will not read the token."));
        }
        String cache = answer.header("cache-control");
        if (cache == null || !cache.toLowerCase(Locale.ROOT).contains("no-store")) {
            findings.add(Finding.warning(null, "The answer has no Cache-Control: no-store (got " + shown(cache)
                    + "): a shared cache on the way could hand one user's token to another."));
        }
        String token = body == null ? null : Json.text(body, "signature");
        if (token == null) {
            findings.add(Finding.error(null, "The answer is not " + (probe.product() == Product.MEETING_SDK
                    ? "{\"signature\": JWT, \"sdkKey\": key}" : "{\"signature\": JWT}") + ", the shape Zoom's auth"
                    + " endpoint samples answer and front ends read; got " + described(answer.body()) + "."));
            return null;
        }
        Report report = doctor.examine(token, probe.expectations(), null);
        if (report.kind() != probe.kind() && report.kind().product() != null) {
            findings.add(Finding.error(null, "POST " + probe.url().getPath() + " answered a "
                    + report.kind().description() + ", not a " + probe.kind().description() + ". Fix: route "
                    + probe.url().getPath() + " to the " + probe.product().label() + " token."));
        }
        if (probe.product() == Product.MEETING_SDK) {
            sdkKey(body.get("sdkKey"), report, findings);
        }
        findings.addAll(report.findings());
        verifiable(probe.product(), report, findings);
        return report;
    }

    /** The Meeting SDK sample answers the key beside the token; its front ends pass it to join(). */
    private static void sdkKey(Object sdkKey, Report report, List<Finding> findings) {
        if (!(sdkKey instanceof String key) || key.isBlank()) {
            findings.add(Finding.error(null, "The answer has no sdkKey beside the signature, as the Meeting SDK"
                    + " auth endpoint sample answers; front ends written against it pass it to join()."));
        } else if (report.claims() != null && !key.equals(report.claims().get("appKey"))
                && !key.equals(report.claims().get("sdkKey"))) {
            findings.add(Finding.warning(null, "The answer's sdkKey (" + Text.clip(key, 60) + ") is not the key the"
                    + " token names: a front end passing it to join() joins as another app than the token's."));
        }
    }

    /**
     * check vouches for a token only when it verifies with the configured secret; when that could not even be
     * tried, says why (the doctor only notes it, since it may be handed any token).
     */
    private void verifiable(Product product, Report report, List<Finding> findings) {
        if (report.signature() == SignatureStatus.VALID) {
            return;
        }
        String cannot = "The token's signature cannot be checked against the function's " + product.label()
                + " credentials: ";
        try {
            if (credentials.load(product) == null) {
                findings.add(Finding.error(null, cannot + "none are configured here. Fix: export "
                        + product.keyVariable() + " and " + product.secretVariable() + ", or their _PARAMETER"
                        + " variables (with AWS credentials and AWS_REGION to read SSM), as the function has them."));
                return;
            }
        } catch (CredentialsUnavailable unavailable) {
            // The reason names variables and parameters, never a value (CredentialsUnavailable's contract).
            findings.add(Finding.error(null, cannot + unavailable.getMessage()));
            return;
        }
        if (report.count(Severity.ERROR) == 0) {
            findings.add(Finding.error(null, "The token's signature is " + report.signature().label() + ", not"
                    + " valid with the configured " + product.label() + " secret."));
        }
    }

    /** ": reason" from the body: the function's errors, API Gateway's or Lambda's message, or the text itself. */
    private String reason(FrontEnd.Answer answer) {
        String body = answer.body();
        if (body == null || body.isBlank()) {
            return "";
        }
        List<String> reasons = new ArrayList<>();
        try {
            Object json = Json.read(body);
            if (Json.at(json, "errors") instanceof List<?> errors) {
                for (Object error : errors) {
                    String property = Json.text(error, "property");
                    String said = String.valueOf(Json.text(error, "reason"));
                    // The function's reasons mostly name their property first ("zakUser is not a user ..."); a
                    // property is put before those that do not.
                    reasons.add((property == null || said.startsWith(property) ? "" : property + ": ") + said);
                }
            }
            for (String member : List.of("message", "Message")) {
                if (Json.text(json, member) != null) {
                    reasons.add(Json.text(json, member));
                }
            }
        } catch (IOException notJson) {
            // said as text below
        }
        String said = reasons.isEmpty() ? body : String.join("; ", reasons);
        return ": " + Text.clip(redacted(said), 300);
    }

    /** What to check for a status that is not 200, where the status alone tells. */
    private String hint(Probe probe, FrontEnd.Answer answer) {
        int status = answer.status();
        boolean functionsOwn = Json.at(parsed(answer.body()), "errors") instanceof List<?>;
        String zak = probe.zakUser() == null || !functionsOwn ? null : ZakJudge.hint(probe.zakUser(), answer);
        if (zak != null) {
            return zak;
        }
        if ((status == 401 || status == 403) && !functionsOwn) {
            return "Fix: " + authorization.refusedHint() + ".";
        }
        if (status >= 300 && status < 400) {
            return "Fix: give check, and the front end, the URL it redirects to (" + shown(answer.header("location"))
                    + ").";
        }
        return switch (status) {
            case 400, 403 -> "The endpoint refused check's request (a participant, role 0; --session NAME and"
                    + " --meeting-number NUMBER choose what it asks for).";
            case 404, 405 -> "Fix: give the endpoint's base URL, the stack's VideoSdkEndpoint output (its stage"
                    + " path, such as /Prod/, and nothing more): check adds meeting for the Meeting SDK.";
            case 429 -> "The endpoint throttles (ThrottlingRateLimit and ThrottlingBurstLimit, or the API key's"
                    + " quota): try again later.";
            case 500, 502, 503, 504 -> "The function failed, could not read its credentials or timed out: the"
                    + " reason above is the function's own, or the door's; the function's log says more.";
            default -> "";
        };
    }

    static Object parsed(String body) {
        try {
            return Json.read(body);
        } catch (IOException notJson) {
            return null;
        }
    }

    /**
     * What an endpoint says is printed, so nothing secret may be in it: not the API key or bearer token it was
     * sent, should it echo them, and no token.
     */
    private String redacted(String text) {
        String secret = authorization.secret();
        String without = secret.isEmpty() ? text : text.replace(secret, "<redacted>");
        return JWT.matcher(without).replaceAll("<a JWT>");
    }

    /** The body of a 200 answer in other words than its own: it may hold a token under another name. */
    private static String described(String body) {
        Map<String, Object> object = Json.object(parsed(body));
        if (object != null) {
            return object.isEmpty() ? "an empty JSON object"
                    : "a JSON object of " + Text.clip(String.join(", ", object.keySet()), 100);
        }
        return body == null || body.isBlank() ? "an empty body" : body.length() + " characters that are not a JSON"
                + " object";
    }

    private static String shown(String header) {
        return header == null ? "none" : Text.clip(header, 100);
    }
}
