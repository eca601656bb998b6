package dev.sdkauth.adversarial;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sdkauth.handler.TokenHandler;
import dev.sdkauth.request.Contract;
import dev.sdkauth.request.Contracts;
import dev.sdkauth.testing.Gen;
import dev.sdkauth.testing.Gen.Case;
import dev.sdkauth.testing.Jwt;
import dev.sdkauth.testing.Proxy;
import dev.sdkauth.testing.RecordingLogger;
import dev.sdkauth.token.TokenService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import static dev.sdkauth.testing.Gen.NODES;
import static dev.sdkauth.testing.Gen.encoded;
import static dev.sdkauth.testing.Gen.ints;
import static dev.sdkauth.testing.Gen.of;
import static dev.sdkauth.testing.Gen.oneOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The request rules as properties, through the real handler: whatever JSON values arrive in whatever fields, the
 * answer is a token or a list of errors (never a 5xx); every valid request's claims are exactly what was asked;
 * and an invalid request's errors name exactly the properties that were made bad. Cases are drawn by {@link Gen}
 * from a fixed seed; {@code -Dproperties.seed} and {@code -Dproperties.cases} search further.
 */
class RequestRulesProperties {
    private static final TokenHandler HANDLER = Handlers.handler(new RecordingLogger());

    /** Written by Jackson: dev.sdkauth.Json writes plain maps and lists, and would write a JsonNode as a list. */
    private static APIGatewayProxyResponseEvent post(String path, String body) {
        return Proxy.call(HANDLER, Proxy.post(path, body));
    }

    private static APIGatewayProxyResponseEvent post(String path, ObjectNode body) {
        return post(path, body.toString());
    }

    // ---- arbitrary JSON values in any field --------------------------------------------------------------------

    private static final List<String> ALL_PROPERTIES = allProperties();

    private static List<String> allProperties() {
        Set<String> names = new TreeSet<>();
        for (Contract contract : List.of(Contracts.VIDEO, Contracts.VIDEO_SEED, Contracts.MEETING)) {
            names.addAll(contract.propertyNames());
        }
        names.addAll(List.of("unknown", "__proto__", "constructor", ""));
        return List.copyOf(names);
    }

    /**
     * @param escaped written with every non-ASCII character as a {@code \}{@code uXXXX} escape, which is the only way
     *                unpaired surrogates reach the handler (as UTF-8 they become '?')
     */
    record AnyBody(ObjectNode body, boolean meeting, boolean escaped) {
    }

    static Stream<Case<AnyBody>> anyBodies() {
        Gen<ObjectNode> bodies = Gen.objectOf(ALL_PROPERTIES, Gen.anyJson(ALL_PROPERTIES), 8);
        return Gen.cases(400, (random, size) ->
                new AnyBody(bodies.next(random, size), random.nextBoolean(), random.nextBoolean()));
    }

    @ParameterizedTest(name = Gen.CASE)
    @MethodSource("anyBodies")
    void anyValuesInAnyFieldsGiveATokenOrErrorsNeverA5xx(Case<AnyBody> case_) {
        case_.check(any -> {
            String body = any.escaped() ? Gen.render(any.body()) : any.body().toString();
            JsonNode answer = Handlers.assertWellFormed(post(any.meeting() ? "/meeting" : "/", body));
            if (answer.has("errors")) {
                Set<String> named = new HashSet<>(ALL_PROPERTIES);
                answer.get("errors").forEach(error -> assertTrue(error.get("property").isNull()
                        || named.contains(error.get("property").textValue()), error.toString()));
            }
        });
    }

    // ---- valid requests round-trip -----------------------------------------------------------------------------

    /** Any characters outside the surrogate range (one UTF-16 unit each), control characters included. */
    private static Gen<String> text(int min, int max) {
        return Gen.text(min, max, '\u0000', '\uD7FF');
    }

    private static final Gen<JsonNode> ZERO_OR_ONE = encoded(of(0, 1));
    private static final Gen<JsonNode> SECONDS = encoded(ints(1800, 172800));

    static Stream<Case<Map<String, JsonNode>>> validOfficial() {
        Gen<JsonNode> geo = oneOf(
                Gen.listOf(of(Contracts.GEO_REGIONS), 1, 4)
                        .map(list -> NODES.arrayNode().addAll(list.stream().map(NODES::textNode).toList())),
                Gen.listOf(of(Contracts.GEO_REGIONS), 1, 4).map(list -> NODES.textNode(String.join(" , ", list))));
        Map<String, Gen<JsonNode>> properties = new LinkedHashMap<>();
        properties.put("sessionName", text(1, 200).map(NODES::textNode));
        properties.put("role", ZERO_OR_ONE);
        properties.put("expirationSeconds", SECONDS.orNull(0.3));
        properties.put("userIdentity", text(0, 35).<JsonNode>map(NODES::textNode).orNull(0.5));
        properties.put("userKey", text(0, 36).<JsonNode>map(NODES::textNode).orNull(0.5));
        properties.put("sessionKey", text(0, 36).<JsonNode>map(NODES::textNode).orNull(0.5));
        properties.put("geoRegions", geo.orNull(0.5));
        properties.put("videoWebRtcMode", ZERO_OR_ONE.orNull(0.5));
        return Gen.cases(300, (random, size) -> {
            Map<String, JsonNode> body = new LinkedHashMap<>();
            properties.forEach((name, values) -> {
                JsonNode value = values.next(random, size);
                if (value != null) {
                    body.put(name, value);
                }
            });
            return body;
        });
    }

    private static long integer(JsonNode value) {
        return new BigDecimal(value.asText().strip()).longValueExact();
    }

    private static ObjectNode object(Map<String, JsonNode> properties) {
        ObjectNode body = NODES.objectNode();
        properties.forEach(body::set);
        return body;
    }

    @ParameterizedTest(name = Gen.CASE)
    @MethodSource("validOfficial")
    void validVideoRequestsRoundTripTheirClaims(Case<Map<String, JsonNode>> case_) {
        case_.check(request -> {
            APIGatewayProxyResponseEvent response = post("/", object(request));
            assertEquals(200, response.getStatusCode(), response.getBody());
            String token = Proxy.body(response).get("signature").textValue();
            Jwt.verify(token, Handlers.SECRET);
            JsonNode claims = Jwt.payload(token);
            assertEquals(request.get("sessionName").textValue(), claims.get("tpc").textValue());
            assertEquals(integer(request.get("role")), claims.get("role_type").longValue());
            long lifetime = request.containsKey("expirationSeconds") ? integer(request.get("expirationSeconds"))
                    : 7200;
            assertEquals(lifetime, claims.get("exp").longValue() - claims.get("iat").longValue());
            assertEquals(Handlers.NOW.getEpochSecond() - Long.parseLong(dev.sdkauth.Setting.ISSUED_AT_LEEWAY_SECONDS.defaultValue()),
                    claims.get("iat").longValue(), "iat is backdated by the default leeway");
            assertEquals(1, claims.get("version").intValue());
            Map<String, String> textClaims = Map.of("userIdentity", "user_identity", "userKey", "user_key",
                    "sessionKey", "session_key");
            textClaims.forEach((property, claim) -> {
                if (request.containsKey(property)) {
                    assertEquals(request.get(property).textValue(), claims.get(claim).textValue(), claim);
                } else {
                    assertTrue(!claims.has(claim), claim + " only when given");
                }
            });
            if (request.containsKey("geoRegions")) {
                JsonNode geo = request.get("geoRegions");
                List<String> regions = new ArrayList<>();
                if (geo.isArray()) {
                    geo.forEach(region -> regions.add(region.textValue()));
                } else {
                    regions.addAll(List.of(geo.textValue().split(" , ")));
                }
                assertEquals(String.join(",", regions), claims.get("geo_regions").textValue());
            }
            if (request.containsKey("videoWebRtcMode")) {
                assertEquals(integer(request.get("videoWebRtcMode")), claims.get("video_webrtc_mode").longValue());
            }
        });
    }

    record SeedRequest(String topic, JsonNode roleType, JsonNode minutes) {
    }

    static Stream<Case<SeedRequest>> validSeed() {
        Gen<String> topics = text(1, 200);
        Gen<JsonNode> minutes = encoded(ints(30, 2880));
        return Gen.cases(200, (random, size) -> new SeedRequest(topics.next(random, size),
                ZERO_OR_ONE.next(random, size), minutes.next(random, size)));
    }

    @ParameterizedTest(name = Gen.CASE)
    @MethodSource("validSeed")
    void validSeedRequestsRoundTripTheirClaims(Case<SeedRequest> case_) {
        case_.check(request -> {
            ObjectNode body = NODES.objectNode();
            body.put("topic", request.topic()).set("roleType", request.roleType());
            body.set("expirationMinutes", request.minutes());
            APIGatewayProxyResponseEvent response = post("/", body);
            assertEquals(200, response.getStatusCode(), response.getBody());
            JsonNode answer = Proxy.body(response);
            JsonNode claims = Jwt.payload(answer.get("token").textValue());
            assertEquals(request.topic(), claims.get("tpc").textValue());
            assertEquals(request.topic(), answer.at("/_payload/tpc").textValue());
            assertEquals(integer(request.roleType()), claims.get("role_type").longValue());
            assertEquals(integer(request.minutes()) * 60,
                    claims.get("exp").longValue() - claims.get("iat").longValue());
        });
    }

    record MeetingRequest(JsonNode meetingNumber, JsonNode role, JsonNode expiration) {
    }

    static Stream<Case<MeetingRequest>> validMeeting() {
        Gen<JsonNode> meetingNumbers = oneOf(
                Gen.text(1, 20, '0', '9').map(NODES::textNode),
                Gen.between(1, 999_999_999_999L).map(NODES::numberNode));
        return Gen.cases(200, (random, size) -> new MeetingRequest(meetingNumbers.next(random, size),
                ZERO_OR_ONE.next(random, size), SECONDS.next(random, size)));
    }

    @ParameterizedTest(name = Gen.CASE)
    @MethodSource("validMeeting")
    void validMeetingRequestsRoundTripTheirClaims(Case<MeetingRequest> case_) {
        case_.check(request -> {
            ObjectNode body = NODES.objectNode();
            body.set("meetingNumber", request.meetingNumber());
            body.set("role", request.role());
            body.set("expirationSeconds", request.expiration());
            APIGatewayProxyResponseEvent response = post("/meeting", body);
            assertEquals(200, response.getStatusCode(), response.getBody());
            JsonNode claims = Jwt.payload(Proxy.body(response).get("signature").textValue());
            JsonNode mn = claims.get("mn");
            assertEquals(request.meetingNumber().isTextual(), mn.isTextual(), "mn keeps the JSON type sent");
            assertEquals(request.meetingNumber().asText(), mn.asText());
            assertEquals(integer(request.role()), claims.get("role").longValue());
            assertEquals(integer(request.expiration()), claims.get("exp").longValue() - claims.get("iat").longValue());
            assertEquals(claims.get("exp"), claims.get("tokenExp"));
        });
    }

    // ---- invalid properties are named, exactly -----------------------------------------------------------------

    private static final Gen<JsonNode> NOT_AN_INTEGER = of(NODES.textNode("1abc"), NODES.textNode(""),
            NODES.textNode("one"), NODES.numberNode(new BigDecimal("0.5")), NODES.booleanNode(true), NODES.nullNode(),
            NODES.arrayNode(), NODES.objectNode(), NODES.numberNode(new BigDecimal("1e400")));

    /** Non-integers, and integers below {@code min} (as numbers) or above {@code max} (as padded strings). */
    private static Gen<JsonNode> integerOutside(int min, int max) {
        return oneOf(NOT_AN_INTEGER,
                Gen.between(0, min - 1L - Integer.MIN_VALUE).map(below -> NODES.numberNode(min - 1L - below)),
                Gen.between(0, Integer.MAX_VALUE - (max + 1L)).map(above -> NODES.textNode(" " + (max + 1L + above))));
    }

    private static final Gen<JsonNode> NOT_A_STRING = of(NODES.numberNode(5), NODES.booleanNode(false),
            NODES.nullNode(), NODES.arrayNode(), NODES.objectNode());

    private static Gen<JsonNode> textLongerThan(int max) {
        return oneOf(NOT_A_STRING, Gen.overLong(max).map(NODES::textNode));
    }

    /** For every property of every contract, values its rules refuse. */
    private static final Map<String, Gen<JsonNode>> INVALID = Map.ofEntries(
            Map.entry("sessionName", oneOf(textLongerThan(200), Gen.constant(NODES.textNode("")))),
            Map.entry("topic", oneOf(textLongerThan(200), Gen.constant(NODES.textNode("")))),
            Map.entry("zakUser", oneOf(textLongerThan(128), Gen.constant(NODES.textNode("")))),
            Map.entry("role", integerOutside(0, 1)),
            Map.entry("roleType", integerOutside(0, 1)),
            Map.entry("expirationSeconds", integerOutside(1800, 172800)),
            Map.entry("expirationMinutes", integerOutside(30, 2880)),
            Map.entry("userIdentity", textLongerThan(35)),
            Map.entry("userKey", textLongerThan(36)),
            Map.entry("sessionKey", textLongerThan(36)),
            Map.entry("telemetryTrackingId", NOT_A_STRING),
            Map.entry("geoRegions", of(NODES.textNode("XX"), NODES.textNode("us"), NODES.textNode(" , "),
                    NODES.arrayNode(), NODES.arrayNode().add("US").add(7), NODES.numberNode(1), NODES.nullNode())),
            Map.entry("cloudRecordingOption", integerOutside(0, 1)),
            Map.entry("cloudRecordingElection", integerOutside(0, 1)),
            Map.entry("cloudRecordingTranscriptOption", integerOutside(0, 2)),
            Map.entry("videoWebRtcMode", integerOutside(0, 1)),
            Map.entry("audioWebRtcMode", integerOutside(0, 1)),
            Map.entry("audioCompatibleMode", integerOutside(0, 1)),
            Map.entry("meetingNumber", of(NODES.textNode("12a"), NODES.textNode(""),
                    NODES.textNode("123456789012345678901"), NODES.textNode(" 123"), NODES.numberNode(0),
                    NODES.numberNode(-5), NODES.numberNode(new BigDecimal("1.5")), NODES.nullNode())));

    @Test
    void everyPropertyOfEveryContractHasInvalidValuesHere() {
        for (Contract contract : List.of(Contracts.VIDEO, Contracts.VIDEO_SEED, Contracts.MEETING)) {
            assertTrue(INVALID.keySet().containsAll(contract.propertyNames()), contract.propertyNames().toString());
        }
    }

    enum Kind {
        OFFICIAL("/", Contracts.VIDEO, "{\"sessionName\":\"s\",\"role\":0}"),
        SEED("/", Contracts.VIDEO_SEED, "{\"topic\":\"t\",\"roleType\":1,\"expirationMinutes\":60}"),
        MEETING("/meeting", Contracts.MEETING, "{\"meetingNumber\":\"123\",\"role\":0}");

        final String path;
        final List<String> properties;
        final String valid;

        Kind(String path, Contract contract, String valid) {
            this.path = path;
            this.properties = List.copyOf(new TreeSet<>(contract.propertyNames()));
            this.valid = valid;
        }
    }

    /** A valid request of {@code kind} with the properties in {@code bad} (one or more) set to refused values. */
    record Corruption(Kind kind, Map<String, JsonNode> bad) {
    }

    static Stream<Case<Corruption>> corruptions() {
        return Gen.cases(400, (random, size) -> {
            Kind kind = of(Kind.values()).next(random, size);
            Map<String, JsonNode> bad = new LinkedHashMap<>();
            for (String name : Gen.subsetOf(kind.properties, 1).next(random, size)) {
                bad.put(name, INVALID.get(name).next(random, size));
            }
            return new Corruption(kind, bad);
        });
    }

    @ParameterizedTest(name = Gen.CASE)
    @MethodSource("corruptions")
    void errorsNameExactlyTheBadProperties(Case<Corruption> case_) {
        case_.check(corruption -> {
            ObjectNode body = (ObjectNode) Proxy.json(corruption.kind().valid);
            corruption.bad().forEach(body::set);
            APIGatewayProxyResponseEvent response = post(corruption.kind().path, body);
            assertEquals(400, response.getStatusCode(), response.getBody());
            Set<String> named = new HashSet<>();
            Handlers.assertWellFormed(response).get("errors")
                    .forEach(error -> named.add(error.get("property").textValue()));
            assertEquals(corruption.bad().keySet(), named, response.getBody());
        });
    }
}
