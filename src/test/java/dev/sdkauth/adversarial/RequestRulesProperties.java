package dev.sdkauth.adversarial;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sdkauth.handler.TokenHandler;
import dev.sdkauth.request.Contract;
import dev.sdkauth.request.Contracts;
import dev.sdkauth.testing.Jwt;
import dev.sdkauth.testing.Proxy;
import dev.sdkauth.testing.RecordingLogger;
import dev.sdkauth.token.TokenService;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Example;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The request rules as properties, through the real handler: whatever JSON values arrive in whatever fields, the
 * answer is a token or a list of errors (never a 5xx); every valid request's claims are exactly what was asked;
 * and an invalid request's errors name exactly the properties that were made bad.
 */
class RequestRulesProperties {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private final TokenHandler handler = Handlers.handler(new RecordingLogger());

    /** Written by Jackson: dev.sdkauth.Json writes plain maps and lists, and would write a JsonNode as a list. */
    private APIGatewayProxyResponseEvent post(String path, ObjectNode body) {
        return Proxy.call(handler, Proxy.post(path, body.toString()));
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

    @Provide
    Arbitrary<JsonNode> anyJson() {
        Arbitrary<JsonNode> leaves = Arbitraries.oneOf(
                Arbitraries.just(NODES.nullNode()),
                Arbitraries.of(true, false).map(NODES::booleanNode),
                Arbitraries.longs().map(NODES::numberNode),
                Arbitraries.integers().between(-3, 200_000).map(NODES::numberNode),
                Arbitraries.bigDecimals().ofScale(3).map(NODES::numberNode),
                Arbitraries.of("1e400", "-0.0", "1e-400", "123456789012345678901234567890", "7200.0", "1E4")
                        .map(text -> NODES.numberNode(new BigDecimal(text))),
                Arbitraries.strings().ofMaxLength(250).map(NODES::textNode),
                Arbitraries.of(" 1 ", "1abc", "0x1", "+1", "1.5", "NaN", "Infinity", "", "US,DE", " US , XX ",
                        "123456789012345678901", "00012", "１").map(NODES::textNode));
        return Arbitraries.recursive(() -> leaves, inner -> Arbitraries.oneOf(
                inner.list().ofMaxSize(4).map(items -> {
                    var array = NODES.arrayNode();
                    items.forEach(array::add);
                    return (JsonNode) array;
                }),
                Arbitraries.maps(Arbitraries.of(ALL_PROPERTIES), inner).ofMaxSize(3).map(entries -> {
                    ObjectNode object = NODES.objectNode();
                    entries.forEach(object::set);
                    return (JsonNode) object;
                })), 0, 2);
    }

    @Provide
    Arbitrary<ObjectNode> anyBody() {
        return Arbitraries.maps(Arbitraries.of(ALL_PROPERTIES), anyJson()).ofMaxSize(8).map(entries -> {
            ObjectNode body = NODES.objectNode();
            entries.forEach(body::set);
            return body;
        });
    }

    @Property(tries = 400)
    void anyValuesInAnyFieldsGiveATokenOrErrorsNeverA5xx(@ForAll("anyBody") ObjectNode body,
                                                         @ForAll boolean meeting) {
        JsonNode answer = Handlers.assertWellFormed(post(meeting ? "/meeting" : "/", body));
        if (answer.has("errors")) {
            Set<String> named = new HashSet<>(ALL_PROPERTIES);
            answer.get("errors").forEach(error -> assertTrue(error.get("property").isNull()
                    || named.contains(error.get("property").textValue()), error.toString()));
        }
    }

    // ---- valid requests round-trip -----------------------------------------------------------------------------

    /** An integer as clients send it: a number, a string, padded, signed, with a zero fraction. */
    private static Arbitrary<JsonNode> encoded(Arbitrary<Integer> values) {
        return Combinators.combine(values, Arbitraries.integers().between(0, 4)).as((value, form) -> switch (form) {
            case 0 -> NODES.numberNode(value);
            case 1 -> NODES.textNode(String.valueOf(value));
            case 2 -> NODES.textNode(" " + value + " ");
            case 3 -> NODES.textNode("+" + value);
            default -> NODES.numberNode(new BigDecimal(value + ".0"));
        });
    }

    /** Any characters outside the surrogate range (one UTF-16 unit each), control characters included. */
    private static Arbitrary<String> text(int min, int max) {
        return Arbitraries.strings().withCharRange('\u0000', '\uD7FF').ofMinLength(min).ofMaxLength(max);
    }

    @Provide
    Arbitrary<Map<String, JsonNode>> validOfficial() {
        Arbitrary<List<String>> regions = Arbitraries.of(Contracts.GEO_REGIONS).list().ofMinSize(1).ofMaxSize(4);
        return Combinators.combine(
                text(1, 200), encoded(Arbitraries.of(0, 1)), encoded(Arbitraries.integers().between(1800, 172800))
                        .injectNull(0.3),
                text(0, 35).injectNull(0.5), text(0, 36).injectNull(0.5), text(0, 36).injectNull(0.5),
                Combinators.combine(regions, Arbitraries.of(true, false)).as((list, asArray) -> asArray
                        ? (JsonNode) NODES.arrayNode().addAll(list.stream().map(NODES::textNode).toList())
                        : NODES.textNode(String.join(" , ", list))).injectNull(0.5),
                encoded(Arbitraries.of(0, 1)).injectNull(0.5)
        ).as((name, role, expiration, identity, userKey, sessionKey, geo, webRtc) -> {
            Map<String, JsonNode> body = new LinkedHashMap<>();
            body.put("sessionName", NODES.textNode(name));
            body.put("role", role);
            putIfNotNull(body, "expirationSeconds", expiration);
            putIfNotNull(body, "userIdentity", identity == null ? null : NODES.textNode(identity));
            putIfNotNull(body, "userKey", userKey == null ? null : NODES.textNode(userKey));
            putIfNotNull(body, "sessionKey", sessionKey == null ? null : NODES.textNode(sessionKey));
            putIfNotNull(body, "geoRegions", geo);
            putIfNotNull(body, "videoWebRtcMode", webRtc);
            return body;
        });
    }

    private static void putIfNotNull(Map<String, JsonNode> body, String name, JsonNode value) {
        if (value != null) {
            body.put(name, value);
        }
    }

    private static long integer(JsonNode value) {
        return new BigDecimal(value.asText().strip()).longValueExact();
    }

    private static ObjectNode object(Map<String, JsonNode> properties) {
        ObjectNode body = NODES.objectNode();
        properties.forEach(body::set);
        return body;
    }

    @Property(tries = 300)
    void validVideoRequestsRoundTripTheirClaims(@ForAll("validOfficial") Map<String, JsonNode> request) {
        APIGatewayProxyResponseEvent response = post("/", object(request));
        assertEquals(200, response.getStatusCode(), response.getBody());
        String token = Proxy.body(response).get("signature").textValue();
        Jwt.verify(token, Handlers.SECRET);
        JsonNode claims = Jwt.payload(token);
        assertEquals(request.get("sessionName").textValue(), claims.get("tpc").textValue());
        assertEquals(integer(request.get("role")), claims.get("role_type").longValue());
        long lifetime = request.containsKey("expirationSeconds") ? integer(request.get("expirationSeconds")) : 7200;
        assertEquals(lifetime, claims.get("exp").longValue() - claims.get("iat").longValue());
        assertEquals(Handlers.NOW.getEpochSecond() - TokenService.DEFAULT_ISSUED_AT_LEEWAY_SECONDS,
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
    }

    @Property(tries = 200)
    void validSeedRequestsRoundTripTheirClaims(@ForAll("seedText") String topic,
                                               @ForAll("zeroOrOne") JsonNode roleType,
                                               @ForAll("minutes") JsonNode minutes) {
        ObjectNode body = NODES.objectNode();
        body.put("topic", topic).set("roleType", roleType);
        body.set("expirationMinutes", minutes);
        APIGatewayProxyResponseEvent response = post("/", body);
        assertEquals(200, response.getStatusCode(), response.getBody());
        JsonNode answer = Proxy.body(response);
        JsonNode claims = Jwt.payload(answer.get("token").textValue());
        assertEquals(topic, claims.get("tpc").textValue());
        assertEquals(topic, answer.at("/_payload/tpc").textValue());
        assertEquals(integer(roleType), claims.get("role_type").longValue());
        assertEquals(integer(minutes) * 60, claims.get("exp").longValue() - claims.get("iat").longValue());
    }

    @Provide
    Arbitrary<String> seedText() {
        return text(1, 200);
    }

    @Provide
    Arbitrary<JsonNode> zeroOrOne() {
        return encoded(Arbitraries.of(0, 1));
    }

    @Provide
    Arbitrary<JsonNode> minutes() {
        return encoded(Arbitraries.integers().between(30, 2880));
    }

    @Property(tries = 200)
    void validMeetingRequestsRoundTripTheirClaims(@ForAll("meetingNumbers") JsonNode meetingNumber,
                                                  @ForAll("zeroOrOne") JsonNode role,
                                                  @ForAll("seconds") JsonNode expiration) {
        ObjectNode body = NODES.objectNode();
        body.set("meetingNumber", meetingNumber);
        body.set("role", role);
        body.set("expirationSeconds", expiration);
        APIGatewayProxyResponseEvent response = post("/meeting", body);
        assertEquals(200, response.getStatusCode(), response.getBody());
        JsonNode claims = Jwt.payload(Proxy.body(response).get("signature").textValue());
        JsonNode mn = claims.get("mn");
        assertEquals(meetingNumber.isTextual(), mn.isTextual(), "mn keeps the JSON type sent");
        assertEquals(meetingNumber.asText(), mn.asText());
        assertEquals(integer(role), claims.get("role").longValue());
        assertEquals(integer(expiration), claims.get("exp").longValue() - claims.get("iat").longValue());
        assertEquals(claims.get("exp"), claims.get("tokenExp"));
    }

    @Provide
    Arbitrary<JsonNode> meetingNumbers() {
        return Arbitraries.oneOf(
                Arbitraries.strings().numeric().ofMinLength(1).ofMaxLength(20).map(NODES::textNode),
                Arbitraries.longs().between(1, 999_999_999_999L).map(NODES::numberNode));
    }

    @Provide
    Arbitrary<JsonNode> seconds() {
        return encoded(Arbitraries.integers().between(1800, 172800));
    }

    // ---- invalid properties are named, exactly -----------------------------------------------------------------

    private static Arbitrary<JsonNode> notAnInteger() {
        return Arbitraries.of(NODES.textNode("1abc"), NODES.textNode(""), NODES.textNode("one"),
                NODES.numberNode(new BigDecimal("0.5")), NODES.booleanNode(true), NODES.nullNode(),
                NODES.arrayNode(), NODES.objectNode(), NODES.numberNode(new BigDecimal("1e400")));
    }

    private static Arbitrary<JsonNode> integerOutside(int min, int max) {
        return Arbitraries.oneOf(notAnInteger(),
                Arbitraries.integers().between(Integer.MIN_VALUE, min - 1).map(NODES::numberNode),
                Arbitraries.integers().between(max + 1, Integer.MAX_VALUE).map(n -> NODES.textNode(" " + n)));
    }

    private static Arbitrary<JsonNode> notAString() {
        return Arbitraries.of(NODES.numberNode(5), NODES.booleanNode(false), NODES.nullNode(), NODES.arrayNode(),
                NODES.objectNode());
    }

    private static Arbitrary<JsonNode> textLongerThan(int max) {
        return Arbitraries.oneOf(notAString(), text(max + 1, max + 60).map(NODES::textNode));
    }

    /** For every property of every contract, values its rules refuse. */
    private static final Map<String, Arbitrary<JsonNode>> INVALID = Map.ofEntries(
            Map.entry("sessionName", Arbitraries.oneOf(textLongerThan(200), Arbitraries.just(NODES.textNode("")))),
            Map.entry("topic", Arbitraries.oneOf(textLongerThan(200), Arbitraries.just(NODES.textNode("")))),
            Map.entry("role", integerOutside(0, 1)),
            Map.entry("roleType", integerOutside(0, 1)),
            Map.entry("expirationSeconds", integerOutside(1800, 172800)),
            Map.entry("expirationMinutes", integerOutside(30, 2880)),
            Map.entry("userIdentity", textLongerThan(35)),
            Map.entry("userKey", textLongerThan(36)),
            Map.entry("sessionKey", textLongerThan(36)),
            Map.entry("telemetryTrackingId", notAString()),
            Map.entry("geoRegions", Arbitraries.of(NODES.textNode("XX"), NODES.textNode("us"), NODES.textNode(" , "),
                    NODES.arrayNode(), NODES.arrayNode().add("US").add(7), NODES.numberNode(1), NODES.nullNode())),
            Map.entry("cloudRecordingOption", integerOutside(0, 1)),
            Map.entry("cloudRecordingElection", integerOutside(0, 1)),
            Map.entry("cloudRecordingTranscriptOption", integerOutside(0, 2)),
            Map.entry("videoWebRtcMode", integerOutside(0, 1)),
            Map.entry("audioWebRtcMode", integerOutside(0, 1)),
            Map.entry("audioCompatibleMode", integerOutside(0, 1)),
            Map.entry("meetingNumber", Arbitraries.of(NODES.textNode("12a"), NODES.textNode(""),
                    NODES.textNode("123456789012345678901"), NODES.textNode(" 123"), NODES.numberNode(0),
                    NODES.numberNode(-5), NODES.numberNode(new BigDecimal("1.5")), NODES.nullNode())));

    @Example
    void everyPropertyOfEveryContractHasInvalidValuesHere() {
        for (Contract contract : List.of(Contracts.VIDEO, Contracts.VIDEO_SEED, Contracts.MEETING)) {
            assertTrue(INVALID.keySet().containsAll(contract.propertyNames()), contract.propertyNames().toString());
        }
    }

    private enum Kind {
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

    @Provide
    Arbitrary<Map.Entry<Kind, Map<String, JsonNode>>> corruptions() {
        return Arbitraries.of(Kind.class).flatMap(kind -> Arbitraries.of(kind.properties).set().ofMinSize(1)
                .flatMap(bad -> {
                    List<String> names = List.copyOf(bad);
                    List<Arbitrary<JsonNode>> values = names.stream().map(INVALID::get).toList();
                    return Combinators.combine(values).as(list -> {
                        Map<String, JsonNode> corrupted = new LinkedHashMap<>();
                        for (int i = 0; i < names.size(); i++) {
                            corrupted.put(names.get(i), list.get(i));
                        }
                        return Map.entry(kind, corrupted);
                    });
                }));
    }

    @Property(tries = 400)
    void errorsNameExactlyTheBadProperties(@ForAll("corruptions") Map.Entry<Kind, Map<String, JsonNode>> case_) {
        Kind kind = case_.getKey();
        ObjectNode body = (ObjectNode) Proxy.json(kind.valid);
        case_.getValue().forEach(body::set);
        APIGatewayProxyResponseEvent response = post(kind.path, body);
        assertEquals(400, response.getStatusCode(), response.getBody());
        Set<String> named = new HashSet<>();
        Handlers.assertWellFormed(response).get("errors").forEach(error -> named.add(error.get("property").textValue()));
        assertEquals(case_.getValue().keySet(), named, response.getBody());
    }
}
