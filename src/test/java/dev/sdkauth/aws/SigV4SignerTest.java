package dev.sdkauth.aws;

import dev.sdkauth.testing.Gen;
import dev.sdkauth.testing.Gen.Case;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.identity.spi.AwsSessionCredentialsIdentity;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The function's SigV4 against two authorities: AWS's published SigV4 test suite (the POST cases, whose canonical
 * requests have exactly the shape the function signs), and the AWS SDK's own {@code AwsV4HttpSigner}, which must
 * produce the same headers, byte for byte, for any GetParameters request the function could make.
 */
class SigV4SignerTest {
    /** The test suite's credentials, time, region and service ("aws-sig-v4-test-suite", AWS documentation). */
    private static final String SUITE_SECRET = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
    private static final String SUITE_DATE = "20150830T123600Z";

    /**
     * Each case: its name in the suite, its headers besides host and x-amz-date ("name=value;..."), its body, and
     * the signature the suite publishes for it.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', nullValues = "-", value = {
            "post-vanilla | - | - | 5da7c1a2acd57cee7505fc6676e4e544621c30862966e37dddb68e92efbe5d6b",
            "post-header-value-case | my-header1=VALUE1 | - | cdbc9802e29d2942e5e10b5bccfdd67c5f22c7c4e8ae67b53629efa58b974b7d",
            "post-x-www-form-urlencoded | content-type=application/x-www-form-urlencoded | Param1=value1"
                    + " | ff11897932ad3f4e8b18135d722051e5ac45fc38421b1da7b9d196a0fe09473a",
            "post-x-www-form-urlencoded-parameters | content-type=application/x-www-form-urlencoded; charset=utf8"
                    + " | Param1=value1 | 1a72ec8f64bd914b0e42e42607c7fbce7fb2c7465f63e3092b3b0d39fa77a6fe"})
    void theSuitesPostCasesGetTheirPublishedSignatures(String name, String extraHeaders, String body,
                                                       String signature) {
        Map<String, String> headers = new TreeMap<>();
        headers.put("host", "example.amazonaws.com");
        headers.put("x-amz-date", SUITE_DATE);
        if (extraHeaders != null) {
            for (String header : extraHeaders.split(";(?! )")) {
                headers.put(header.substring(0, header.indexOf('=')), header.substring(header.indexOf('=') + 1));
            }
        }
        byte[] payload = (body == null ? "" : body).getBytes(StandardCharsets.UTF_8);
        String canonical = SigV4Signer.canonicalRequest("/", headers, SigV4Signer.hex(SigV4Signer.sha256(payload)));
        assertEquals(signature, SigV4Signer.signature(SUITE_SECRET, SUITE_DATE, "us-east-1", "service", canonical),
                name + "\n" + canonical);
    }

    @Test
    void theSuitesPostVanillaCanonicalRequestIsReproducedExactly() {
        Map<String, String> headers = new TreeMap<>(Map.of("host", "example.amazonaws.com", "x-amz-date", SUITE_DATE));
        assertEquals("POST\n/\n\nhost:example.amazonaws.com\nx-amz-date:20150830T123600Z\n\nhost;x-amz-date\n"
                        + "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
                SigV4Signer.canonicalRequest("/", headers, SigV4Signer.hex(SigV4Signer.sha256(new byte[0]))));
    }

    @ParameterizedTest
    @CsvSource({"2015-08-30T12:36:00Z, 20150830T123600Z", "2026-01-02T03:04:05.999Z, 20260102T030405Z",
            "1970-01-01T00:00:00Z, 19700101T000000Z", "2099-12-31T23:59:59Z, 20991231T235959Z"})
    void theDateIsTheBasicIsoFormInUtc(String instant, String amzDate) {
        assertEquals(amzDate, SigV4Signer.amzDate(Instant.parse(instant)));
    }

    /** A GetParameters request the function could make: where, for whom, when, what. */
    record Request(URI endpoint, String region, String accessKeyId, String secret, String sessionToken,
                   Instant at, byte[] body) {
        @Override
        public String toString() {
            return endpoint + " " + region + " " + accessKeyId + (sessionToken == null ? "" : " +token") + " " + at
                    + " body " + body.length + " bytes";
        }
    }

    private static final List<String> ENDPOINTS = List.of("https://ssm.us-east-1.amazonaws.com/",
            "https://ssm.cn-north-1.amazonaws.com.cn/", "http://127.0.0.1:4566/", "http://localhost:8080/ssm",
            "https://127.0.0.1:8443/", "https://ssm-fips.us-gov-west-1.amazonaws.com/", "http://[::1]:9000/",
            "https://vpce-0123-abcd.ssm.eu-west-1.vpce.amazonaws.com/");
    private static final List<String> REGIONS = List.of("us-east-1", "eu-west-1", "ap-southeast-2", "cn-north-1",
            "us-gov-west-1", "il-central-1");

    static Stream<Case<Request>> requests() {
        Gen<String> secrets = Gen.text(1, 60, '!', '~');
        Gen<String> tokens = Gen.text(1, 400, '+', 'z');
        return Gen.cases(300, (random, size) -> new Request(URI.create(pick(random, ENDPOINTS)),
                pick(random, REGIONS), "AKIA" + Long.toString(random.nextLong(Long.MAX_VALUE), 36).toUpperCase(Locale.ROOT),
                secrets.next(random, size), random.nextBoolean() ? tokens.next(random, size) : null,
                Instant.ofEpochSecond(random.nextLong(0, 4_102_444_800L)),
                SsmJson.getParametersRequest(names(random, size))));
    }

    @ParameterizedTest(name = Gen.CASE)
    @MethodSource("requests")
    void everyHeaderIsWhatTheSdksSignerMakesOfTheSameRequest(Case<Request> case_) {
        case_.check(request -> {
            AwsCredentials ours = new AwsCredentials(request.accessKeyId(), request.secret(), request.sessionToken(),
                    null, "test");
            Map<String, String> signed = new TreeMap<>(SsmHttp.sign(request.endpoint(), request.region(), ours,
                    request.body(), request.at()).headers());
            assertEquals(sdk(request), signed);
        });
    }

    /** The SDK's signer, configured as the function's client was when it used it: SSM, payload signing on. */
    private static Map<String, String> sdk(Request request) {
        SdkHttpRequest unsigned = SdkHttpRequest.builder().method(SdkHttpMethod.POST).uri(request.endpoint())
                .putHeader("Content-Type", SsmHttp.CONTENT_TYPE).putHeader("X-Amz-Target", SsmHttp.TARGET).build();
        AwsCredentialsIdentity identity = request.sessionToken() == null
                ? AwsCredentialsIdentity.create(request.accessKeyId(), request.secret())
                : AwsSessionCredentialsIdentity.create(request.accessKeyId(), request.secret(), request.sessionToken());
        SdkHttpRequest signed = AwsV4HttpSigner.create().sign(signing -> signing
                        .identity(identity)
                        .request(unsigned)
                        .payload(ContentStreamProvider.fromByteArrayUnsafe(request.body()))
                        .putProperty(AwsV4FamilyHttpSigner.SERVICE_SIGNING_NAME, "ssm")
                        .putProperty(AwsV4HttpSigner.REGION_NAME, request.region())
                        .putProperty(AwsV4FamilyHttpSigner.PAYLOAD_SIGNING_ENABLED, true)
                        .putProperty(HttpSigner.SIGNING_CLOCK, Clock.fixed(request.at(), ZoneOffset.UTC)))
                .request();
        Map<String, String> headers = new TreeMap<>();
        signed.headers().forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), String.join(",", values)));
        return headers;
    }

    private static List<String> names(SplittableRandom random, int size) {
        Gen<String> name = Gen.text(1, 40, 'a', 'z');
        return Stream.generate(() -> "/" + name.next(random, size)).limit(1 + random.nextInt(4)).toList();
    }

    private static String pick(SplittableRandom random, List<String> from) {
        return from.get(random.nextInt(from.size()));
    }
}
