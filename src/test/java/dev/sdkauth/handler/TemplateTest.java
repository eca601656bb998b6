package dev.sdkauth.handler;

import dev.sdkauth.Setting;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.sdkauth.credentials.Product;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What can be checked of template.yaml by reading it: that it names code that exists, configures everything the code
 * reads, and routes both token paths to the function's alias through every front door. CloudFormation short-form
 * tags read as plain values: {@code !If [c, a, b]} is the list {@code [c, a, b]}. Translating, resolving and linting
 * each parameter combination is tools/check-template's job, which .ci/run runs first.
 */
class TemplateTest {
    private static JsonNode template;
    private static JsonNode function;

    @BeforeAll
    static void read() throws IOException {
        template = new ObjectMapper(new YAMLFactory()).readTree(new File("template.yaml"));
        function = template.at("/Resources/TokenFunction/Properties");
    }

    @Test
    void theHandlerNamedInTheTemplateIsOurLambdaEntryPoint() throws Exception {
        String[] handler = function.get("Handler").textValue().split("::");
        Class<?> type = Class.forName(handler[0]);
        assertTrue(RequestStreamHandler.class.isAssignableFrom(type));
        assertEquals(TokenHandler.class, type);
        type.getMethod(handler[1], java.io.InputStream.class, java.io.OutputStream.class,
                com.amazonaws.services.lambda.runtime.Context.class);
        type.getConstructor(); // Lambda needs a public no-argument constructor
    }

    @Test
    void theFunctionIsJava25OnArm64WithSnapStartOnAPublishedAlias() {
        assertEquals("AWS::Serverless-2016-10-31", template.get("Transform").textValue(),
                "SAM's transform alone: every choice is a plain CloudFormation condition, nothing to resolve first");
        assertEquals("java25", function.get("Runtime").textValue());
        assertEquals("arm64", function.get("Architectures").get(0).textValue());
        assertEquals("PublishedVersions", function.at("/SnapStart/ApplyOn").textValue());
        assertTrue(function.has("AutoPublishAlias"));
        assertEquals("JSON", function.at("/LoggingConfig/LogFormat").textValue());
        assertTrue(function.get("MemorySize").intValue() >= 512);
    }

    @Test
    void samBuildRunsTheMakefileWhichShipsTheShadedJarWithoutRunningTheTests() throws IOException {
        assertEquals(".", function.get("CodeUri").textValue());
        assertEquals("makefile", template.at("/Resources/TokenFunction/Metadata/BuildMethod").textValue());
        String makefile = Files.readString(Path.of(function.get("CodeUri").textValue(), "Makefile"));
        assertTrue(makefile.contains("build-TokenFunction:"), "sam build runs build-<logical ID>");
        assertTrue(makefile.contains("mvn -B -q package -DskipTests"), makefile);
        assertTrue(makefile.contains("target/function.jar \"$(ARTIFACTS_DIR)/lib/"),
                "the shaded jar goes where Lambda's Java runtime looks for jars");
    }

    /** The template declares exactly the settings {@link Setting} says it does: a new one it forgets fails here. */
    @Test
    void theTemplateDeclaresExactlyTheSettingsListedAsItsOwn() {
        JsonNode variables = function.at("/Environment/Variables");
        java.util.Set<String> declared = new java.util.TreeSet<>();
        variables.fieldNames().forEachRemaining(declared::add);
        java.util.Set<String> expected = new java.util.TreeSet<>();
        for (Setting setting : Setting.values()) {
            if (setting.declared() == Setting.Declared.BY_TEMPLATE) {
                expected.add(setting.name());
            }
        }
        assertEquals(expected, declared);
        for (Setting setting : Setting.values()) {
            if (setting.secret() && variables.has(setting.name())) {
                assertEquals("", variables.get(setting.name()).textValue(), "secrets stay empty when deployed");
            }
        }
    }

    @Test
    void theSsmReadPolicyCoversExactlyTheFourParameters() {
        List<String> granted = new ArrayList<>();
        function.get("Policies").forEach(policy -> granted.add(policy.at("/SSMParameterReadPolicy/ParameterName").textValue()));
        assertEquals(List.of("VideoSdkKeyParameter", "VideoSdkSecretParameter", "MeetingSdkKeyParameter",
                "MeetingSdkSecretParameter"), granted);
        JsonNode variables = function.at("/Environment/Variables");
        for (String parameter : granted) {
            assertTrue(template.at("/Parameters").has(parameter), parameter);
            assertTrue(variables.toString().contains("/${" + parameter + "}"), "the function reads " + parameter);
        }
        JsonNode kms = template.at("/Resources/SecretsKmsDecryptPolicy");
        assertEquals("HasCustomerKmsKey", kms.get("Condition").textValue());
        assertEquals("kms:Decrypt", kms.at("/Properties/PolicyDocument/Statement/0/Action").textValue());
    }

    @Test
    void everyFrontDoorRoutesBothTokenPathsToTheFunctionsAliasAndOutputsItsUrls() {
        assertEquals("RestApi", template.at("/Parameters/FrontDoor/Default").textValue(), "today's door by default");
        assertEquals("[\"RestApi\",\"HttpApi\",\"FunctionUrl\"]",
                template.at("/Parameters/FrontDoor/AllowedValues").toString());
        assertFalse(function.has("Events") || function.has("FunctionUrlConfig"),
                "SAM would grant their permissions unconditionally, for a door that may not exist");
        String alias = "${TokenFunction.Alias}";

        JsonNode paths = template.at("/Resources/TokenApi/Properties/DefinitionBody/paths");
        for (String path : List.of("/", "/meeting")) {
            assertTrue(paths.get(path).has("x-amazon-apigateway-any-method"), path + " takes POST (and answers 405)");
            assertTrue(paths.get(path).has("options"), path);
        }
        assertTrue(paths.get("/{proxy+}").has("x-amazon-apigateway-any-method"), "other paths reach the function");
        assertTrue(paths.get("/{proxy+}").has("options"), "and so do their preflights");
        paths.forEach(item -> pathItem(item).forEach(method -> {
            JsonNode integration = method.get("x-amazon-apigateway-integration");
            assertEquals("aws_proxy", integration.get("type").textValue());
            assertTrue(integration.get("uri").textValue().contains("/functions/" + alias + "/invocations"));
        }));
        assertEquals("IsRestApi", template.at("/Resources/TokenApi/Condition").textValue());

        List<String> routes = new ArrayList<>();
        httpApiRoutes().forEach(route -> {
            if (route.getKey().equals("IsHttpApi")) {
                routes.add(route.getValue().get("RouteKey").textValue());
            } else {
                assertEquals("HasHttpApiUserGrants", route.getKey(), "every route is the HTTP API's: " + route);
            }
        });
        assertEquals(List.of("POST /", "POST /meeting", "$default", "OPTIONS /", "OPTIONS /{proxy+}"), routes);
        JsonNode integration = template.at("/Resources/TokenHttpApiIntegration/Properties");
        assertEquals("TokenFunction.Alias", integration.get("IntegrationUri").textValue());
        assertEquals("2.0", integration.get("PayloadFormatVersion").textValue());

        JsonNode url = template.at("/Resources/TokenFunctionUrl");
        assertEquals("IsFunctionUrl", url.get("Condition").textValue());
        assertEquals("TokenFunction.Alias", url.at("/Properties/TargetFunctionArn").textValue());

        template.get("Resources").forEach(resource -> {
            if (resource.get("Type").textValue().equals("AWS::Lambda::Permission")) {
                assertEquals("TokenFunction.Alias", resource.at("/Properties/FunctionName").textValue(),
                        "permissions on the alias, never $LATEST");
            }
        });

        // One URL per route for the chosen door: [IsRestApi, rest, [IsHttpApi, http, url]].
        JsonNode video = template.at("/Outputs/VideoSdkEndpoint/Value");
        JsonNode meeting = template.at("/Outputs/MeetingSdkEndpoint/Value");
        assertEquals("IsRestApi", video.get(0).textValue());
        assertTrue(video.get(1).textValue().endsWith("/Prod/") && meeting.get(1).textValue().endsWith("/Prod/meeting"));
        assertEquals("IsHttpApi", video.at("/2/0").textValue());
        assertTrue(video.at("/2/1").textValue().endsWith("ApiEndpoint}/"));
        assertTrue(meeting.at("/2/1").textValue().endsWith("ApiEndpoint}/meeting"));
        assertEquals("TokenFunctionUrl.FunctionUrl", video.at("/2/2").textValue());
        assertTrue(meeting.at("/2/2").textValue().endsWith("FunctionUrl}meeting"));
        assertTrue(template.at("/Parameters").has("AllowedOrigins"));
    }

    /** A path item that exists only with UserGrants is {@code !If [HasUserGrants, item, !Ref AWS::NoValue]}. */
    private static JsonNode pathItem(JsonNode item) {
        if (item.isArray()) {
            assertEquals("HasUserGrants", item.get(0).textValue(), item.toString());
            assertEquals("AWS::NoValue", item.get(2).textValue(), "without UserGrants the path is not there");
            return item.get(1);
        }
        return item;
    }

    /** The HTTP API's routes, each with the condition it exists under, in the template's order. */
    private static List<Map.Entry<String, JsonNode>> httpApiRoutes() {
        List<Map.Entry<String, JsonNode>> routes = new ArrayList<>();
        template.get("Resources").forEach(resource -> {
            if (resource.get("Type").textValue().equals("AWS::ApiGatewayV2::Route")) {
                routes.add(Map.entry(resource.get("Condition").textValue(), resource.get("Properties")));
            }
        });
        return routes;
    }

    /**
     * GET /oauth/authorize, GET /oauth/callback, GET /obf, GET /zak and POST /zoom/events authenticate their callers
     * themselves (bot platforms cannot sign, Zoom's redirects and webhooks carry no credentials): with UserGrants
     * they skip AuthMode's authorizer and API key. Without it they do not exist, and /{proxy+} or $default takes them
     * under AuthMode like any other path.
     */
    @Test
    void theFiveSelfAuthenticatingRoutesSkipAuthModeOnlyWithUserGrants() {
        Map<String, String> exempt = Map.of("/oauth/authorize", "get", "/oauth/callback", "get", "/obf", "get",
                "/zak", "get", "/zoom/events", "post");
        assertEquals("false", template.at("/Parameters/UserGrants/Default").textValue(), "off unless decided");
        assertEquals("[\"UserGrants\",\"true\"]", template.at("/Conditions/HasUserGrants").toString());
        assertEquals("[\"IsHttpApi\",\"HasUserGrants\"]", template.at("/Conditions/HasHttpApiUserGrants").toString());

        JsonNode paths = template.at("/Resources/TokenApi/Properties/DefinitionBody/paths");
        assertEquals(exempt.keySet().stream().sorted().toList(),
                names(paths.fieldNames()).stream().filter(path -> paths.get(path).isArray()).sorted().toList(),
                "exactly the five paths exist only with UserGrants");
        exempt.forEach((path, method) -> {
            JsonNode item = pathItem(paths.get(path));
            assertEquals(List.of("options", method), names(item.fieldNames()), path);
            assertEquals("[]", item.at("/" + method + "/security").toString(), path + ": no authorizer, no API key");
            assertFalse(item.get("options").has("security"), path);
        });
        for (String path : List.of("/", "/meeting", "/{proxy+}")) {
            assertEquals("IsIamAuth", paths.at("/" + path.replace("/", "~1") + "/x-amazon-apigateway-any-method"
                    + "/security/0").textValue(), path + " keeps AuthMode's");
        }

        List<String> exemptRoutes = new ArrayList<>();
        httpApiRoutes().forEach(entry -> {
            JsonNode route = entry.getValue();
            String key = route.get("RouteKey").textValue();
            String[] methodAndPath = key.split(" ");
            boolean isExempt = methodAndPath.length == 2
                    && methodAndPath[0].toLowerCase().equals(exempt.get(methodAndPath[1]));
            assertEquals(isExempt ? "HasHttpApiUserGrants" : "IsHttpApi", entry.getKey(), key);
            if (isExempt) {
                exemptRoutes.add(key);
                assertEquals("NONE", route.get("AuthorizationType").textValue(), key);
                assertFalse(route.has("AuthorizerId"), key);
            } else if (!key.startsWith("OPTIONS")) {
                assertEquals("[\"IsIamAuth\",\"AWS_IAM\",[\"IsCognitoAuth\",\"JWT\",\"NONE\"]]",
                        route.get("AuthorizationType").toString(), key + " keeps AuthMode's");
            }
        });
        assertEquals(5, exemptRoutes.size(), exemptRoutes.toString());

        // A function URL authorizes every path or none: IAM there would lock Zoom and the bot platforms out.
        JsonNode rule = template.at("/Rules/UserGrantsNeedUnsignedRoutes");
        assertEquals("[[\"FrontDoor\",\"FunctionUrl\"],[\"UserGrants\",\"true\"]]",
                rule.get("RuleCondition").toString());
        assertEquals("[[\"AuthMode\",\"IAM\"]]", rule.at("/Assertions/0/Assert").toString());
        for (String output : List.of("OAuthAuthorizeUrl", "OAuthRedirectUrl", "ObfUrl", "ZakUrl", "ZoomEventsUrl")) {
            assertEquals("HasUserGrants", template.at("/Outputs/" + output + "/Condition").textValue(), output);
        }
    }

    @Test
    void theGrantsTableOutlivesTheStackAndExistsOnlyWithUserGrants() {
        JsonNode table = template.at("/Resources/GrantsTable");
        assertEquals("HasUserGrants", table.get("Condition").textValue());
        assertEquals("Retain", table.get("DeletionPolicy").textValue(), "losing it makes every user authorize again");
        assertEquals("Retain", table.get("UpdateReplacePolicy").textValue());
        assertEquals("[\"HasUserGrants\",\"GrantsTable\",\"\"]",
                function.at("/Environment/Variables/GRANTS_TABLE").toString());
        for (String policy : List.of("GrantsTablePolicy", "GrantsParametersReadPolicy")) {
            assertEquals("HasUserGrants", template.at("/Resources/" + policy + "/Condition").textValue(), policy);
        }
    }

    private static List<String> names(java.util.Iterator<String> iterator) {
        List<String> list = new ArrayList<>();
        iterator.forEachRemaining(list::add);
        return list;
    }

    @Test
    void errorsApiGatewayAnswersItselfKeepTheErrorShapeAndFollowAllowedOrigins() {
        for (String type : List.of("DEFAULT_4XX", "DEFAULT_5XX")) {
            JsonNode response = template.at(
                    "/Resources/TokenApi/Properties/DefinitionBody/x-amazon-apigateway-gateway-responses/" + type);
            assertTrue(response.at("/responseTemplates/application~1json").textValue()
                    .startsWith("{\"errors\":[{\"property\":null,\"reason\":"), type);
            JsonNode headers = response.get("responseParameters");
            assertEquals("'application/json'", headers.get("gatewayresponse.header.Content-Type").textValue(), type);
            assertEquals("'no-store'", headers.get("gatewayresponse.header.Cache-Control").textValue(), type);
            // !Sub ["'${FirstOrigin}'", {FirstOrigin: !Select [0, !Split [',', AllowedOrigins]]}]: a static value
            // cannot echo a listed origin, so the first one (or *) it is.
            JsonNode origin = headers.get("gatewayresponse.header.Access-Control-Allow-Origin");
            assertEquals("'${FirstOrigin}'", origin.get(0).textValue(), type);
            assertEquals("[0,[\",\",\"AllowedOrigins\"]]", origin.at("/1/FirstOrigin").toString(), type);
        }
        assertFalse(template.at("/Resources/TokenApi/Properties").has("GatewayResponses"),
                "in the definition, where a choice is a plain CloudFormation function, not in SAM's shorthand");
    }

    @Test
    void theDoorsThatReplaceTheFunctionsCorsHeadersSayWhatTheFunctionSays() {
        Map<String, String> function = new Cors("*").headers(null, null);
        List<String> methods = List.of(function.get("Access-Control-Allow-Methods").split(",\\s*"));
        List<String> headers = List.of(function.get("Access-Control-Allow-Headers").toLowerCase().split(",\\s*"));
        assertFalse(function.containsKey("Access-Control-Expose-Headers") || function.containsKey(
                "Access-Control-Allow-Credentials"), "the function exposes nothing and allows no credentials");
        Map<String, JsonNode> doors = Map.of("HttpApi", template.at("/Resources/TokenHttpApi/Properties/CorsConfiguration"),
                "FunctionUrl", template.at("/Resources/TokenFunctionUrl/Properties/Cors"));
        doors.forEach((door, cors) -> {
            List<String> allowed = new ArrayList<>();
            cors.get("AllowHeaders").forEach(header -> allowed.add(header.textValue().toLowerCase()));
            assertTrue(allowed.containsAll(headers), door + " allows " + allowed + ", the function " + headers);
            List<String> doorMethods = new ArrayList<>();
            cors.get("AllowMethods").forEach(method -> doorMethods.add(method.textValue()));
            // Lambda takes no OPTIONS in a URL's AllowMethods: it answers preflights itself.
            assertEquals(door.equals("FunctionUrl") ? methods.stream().filter(m -> !m.equals("OPTIONS")).toList()
                    : methods, doorMethods, door);
            assertEquals(Integer.parseInt(function.get("Access-Control-Max-Age")), cors.get("MaxAge").intValue(), door);
            assertFalse(cors.has("ExposeHeaders") || cors.has("AllowCredentials"), door);
            assertEquals("[\",\",\"AllowedOrigins\"]", cors.get("AllowOrigins").toString(), door);
        });
    }

    @Test
    void theFunctionLogsToALogGroupOfTheStackThatSamDeleteRemoves() {
        assertEquals("TokenFunctionLogGroup", function.at("/LoggingConfig/LogGroup").textValue());
        JsonNode group = template.at("/Resources/TokenFunctionLogGroup");
        assertEquals("AWS::Logs::LogGroup", group.get("Type").textValue());
        assertFalse(group.has("Condition"), "every door's function logs there");
        assertEquals("Delete", group.get("DeletionPolicy").textValue());
        assertEquals("Delete", group.get("UpdateReplacePolicy").textValue());
        assertEquals("LogRetentionDays", group.at("/Properties/RetentionInDays").textValue());
        assertEquals(30, template.at("/Parameters/LogRetentionDays/Default").intValue());
        assertFalse(group.at("/Properties/LogGroupName").toString().contains("TokenFunction"),
                "named after the function, the group and the function's LoggingConfig would depend on each other");
    }

    @Test
    void samconfigHasDeployDefaults() throws IOException {
        String samconfig = Files.readString(Path.of("samconfig.toml"));
        assertTrue(samconfig.contains("[default.deploy.parameters]") && samconfig.contains("stack_name")
                && samconfig.contains("CAPABILITY_IAM") && samconfig.contains("resolve_s3 = true"), samconfig);
    }

    @Test
    void thePolicySettingsComeFromParametersWithSafeDefaults() {
        JsonNode variables = function.at("/Environment/Variables");
        Map<String, String> parameterOf = Map.of("MAX_ROLE", "MaxRole", "ANONYMOUS_HOST_TOKENS", "AnonymousHostTokens",
                "HOST_ROLE_CLAIM", "HostRoleClaim", "HOST_ROLE_VALUE", "HostRoleValue",
                "SESSION_NAME_PATTERN", "SessionNamePattern", "BIND_USER_IDENTITY", "BindUserIdentity");
        parameterOf.forEach((variable, parameter) -> {
            assertEquals(parameter, variables.get(variable).textValue(), variable);
            assertTrue(template.at("/Parameters").has(parameter), parameter);
        });
        assertEquals("1", template.at("/Parameters/MaxRole/Default").textValue());
        assertEquals("false", template.at("/Parameters/BindUserIdentity/Default").textValue());
        assertEquals("false", template.at("/Parameters/AnonymousHostTokens/Default").textValue(),
                "host tokens for callers nobody identified are a decision, not a default");
        // The same words the function accepts, so a deploy cannot configure it into its 503 state.
        assertEquals("[\"0\",\"1\"]", template.at("/Parameters/MaxRole/AllowedValues").toString());
        assertEquals("[\"true\",\"false\"]", template.at("/Parameters/BindUserIdentity/AllowedValues").toString());
        assertEquals("[\"false\",\"true\"]", template.at("/Parameters/AnonymousHostTokens/AllowedValues").toString());
        assertTrue(template.at("/Rules/HostRoleClaimAndValueGoTogether").isObject());
    }

    @Test
    void everyAuthModeIsExpressedWithTheDoorsOwnAuthorization() {
        assertEquals("NONE", template.at("/Parameters/AuthMode/Default").textValue(), "open by default: quick start");
        assertEquals("[\"NONE\",\"IAM\",\"COGNITO\",\"API_KEY\"]",
                template.at("/Parameters/AuthMode/AllowedValues").toString());

        // REST: API Gateway's own authorizers, per method:
        // [IsIamAuth, iam, [IsCognitoAuth, cognito, [IsApiKeyAuth, key, none]]]
        JsonNode security = template.at(
                "/Resources/TokenApi/Properties/DefinitionBody/paths/~1/x-amazon-apigateway-any-method/security");
        assertEquals("IsIamAuth", security.get(0).textValue());
        assertTrue(security.at("/1/0").has("AWS_IAM"));
        assertEquals("IsCognitoAuth", security.at("/2/0").textValue());
        assertTrue(security.at("/2/1/0").has("CognitoAuthorizer"));
        assertEquals("IsApiKeyAuth", security.at("/2/2/0").textValue());
        assertTrue(security.at("/2/2/1/0").has("api_key"));
        assertEquals("AWS::NoValue", security.at("/2/2/2").textValue());
        JsonNode schemes = template.at("/Resources/TokenApi/Properties/DefinitionBody/components/securitySchemes");
        assertEquals("awsSigv4", schemes.at("/AWS_IAM/x-amazon-apigateway-authtype").textValue());
        assertEquals("x-api-key", schemes.at("/api_key/name").textValue());
        assertEquals("CognitoUserPoolArn",
                schemes.at("/CognitoAuthorizer/1/x-amazon-apigateway-authorizer/providerARNs/0").textValue());
        assertTrue(template.at("/Resources/TokenApi/Properties/AlwaysDeploy").booleanValue(),
                "a new AuthMode changes no text in the definition, so only AlwaysDeploy puts it on the stage");

        // HTTP API: IAM, or a JWT authorizer on the user pool's issuer for the app client(s).
        JsonNode jwt = template.at("/Resources/TokenHttpApiJwtAuthorizer");
        assertEquals("HasJwtAuthorizer", jwt.get("Condition").textValue());
        assertEquals("JWT", jwt.at("/Properties/AuthorizerType").textValue());
        assertTrue(jwt.at("/Properties/JwtConfiguration/Issuer/0").textValue().startsWith("https://cognito-idp."));
        assertEquals("CognitoAppClientId", jwt.at("/Properties/JwtConfiguration/Audience/1").textValue());
        assertEquals("[\"IsIamAuth\",\"AWS_IAM\",[\"IsCognitoAuth\",\"JWT\",\"NONE\"]]",
                template.at("/Resources/TokenHttpApiVideoSdkRoute/Properties/AuthorizationType").toString());

        // Function URL: IAM or nothing; public permissions only without IAM.
        assertEquals("[\"IsIamAuth\",\"AWS_IAM\",\"NONE\"]",
                template.at("/Resources/TokenFunctionUrl/Properties/AuthType").toString());
        assertEquals("HasPublicFunctionUrl",
                template.at("/Resources/TokenFunctionUrlPublicAccess/Condition").textValue());

        for (String resource : List.of("TokenApiKey", "TokenApiUsagePlan", "TokenApiUsagePlanKey")) {
            assertEquals("HasApiKey", template.at("/Resources/" + resource + "/Condition").textValue(), resource);
        }
        JsonNode plan = template.at("/Resources/TokenApiUsagePlan/Properties");
        assertEquals("ApiKeyQuotaLimit", plan.at("/Quota/Limit").textValue());
        assertEquals("TokenApi.Stage", plan.at("/ApiStages/0/Stage").textValue());
        assertEquals("HasApiKey", template.at("/Outputs/ApiKeyId/Condition").textValue());
    }

    @Test
    void combinationsThatCannotWorkAreRefusedByARuleThatSaysWhy() {
        JsonNode rules = template.get("Rules");
        assertEquals("API_KEY", rules.at("/ApiKeysNeedTheRestApi/RuleCondition/1").textValue());
        assertEquals("[\"FrontDoor\",\"RestApi\"]", rules.at("/ApiKeysNeedTheRestApi/Assertions/0/Assert").toString());
        assertEquals("FunctionUrl", rules.at("/FunctionUrlsCannotCheckCognitoTokens/RuleCondition/1").textValue());
        assertEquals("COGNITO", rules.at("/CognitoNeedsAUserPool/RuleCondition/1").textValue());
        assertTrue(rules.has("HttpApiCognitoNeedsAnAppClient"));
        rules.forEach(rule -> rule.get("Assertions").forEach(assertion ->
                assertFalse(assertion.get("AssertDescription").textValue().isBlank())));
    }

    @Test
    void preflightsStayOpenInEveryAuthMode() {
        JsonNode paths = template.at("/Resources/TokenApi/Properties/DefinitionBody/paths");
        for (String path : List.of("/", "/meeting", "/{proxy+}")) {
            JsonNode options = paths.at("/" + path.replace("/", "~1") + "/options");
            assertTrue(options.isObject(), path);
            assertFalse(options.has("security"), "OPTIONS " + path + " must not be authorized");
        }
        for (String route : List.of("TokenHttpApiVideoSdkPreflightRoute", "TokenHttpApiPathsPreflightRoute")) {
            JsonNode properties = template.at("/Resources/" + route + "/Properties");
            assertTrue(properties.get("RouteKey").textValue().startsWith("OPTIONS /"));
            assertEquals("NONE", properties.get("AuthorizationType").textValue(), route);
            assertFalse(properties.has("AuthorizerId"), route);
        }
    }

    @Test
    void theStageIsThrottledByParameters() {
        JsonNode settings = template.at("/Resources/TokenApi/Properties/MethodSettings/0");
        assertEquals("/*", settings.get("ResourcePath").textValue());
        assertEquals("*", settings.get("HttpMethod").textValue());
        assertEquals("ThrottlingRateLimit", settings.get("ThrottlingRateLimit").textValue());
        assertEquals("ThrottlingBurstLimit", settings.get("ThrottlingBurstLimit").textValue());
        JsonNode http = template.at("/Resources/TokenHttpApiStage/Properties/DefaultRouteSettings");
        assertEquals("ThrottlingRateLimit", http.get("ThrottlingRateLimit").textValue());
        assertEquals("ThrottlingBurstLimit", http.get("ThrottlingBurstLimit").textValue());
        // A function URL has no throttle of its own: reserved concurrency, when set, is its brake.
        assertEquals("[\"HasReservedConcurrency\",\"ReservedConcurrency\",\"AWS::NoValue\"]",
                function.get("ReservedConcurrentExecutions").toString());
        assertEquals("0", template.at("/Parameters/ReservedConcurrency/Default").asText(),
                "accounts with a concurrency quota of 10 refuse any reservation");
    }

    @Test
    void anAlarmWatchesEachDoorsFiveHundreds() {
        JsonNode alarm = template.at("/Resources/ServerErrorAlarm/Properties");
        assertEquals("[\"IsFunctionUrl\",\"AWS/Lambda\",\"AWS/ApiGateway\"]", alarm.get("Namespace").toString());
        assertEquals("[\"IsRestApi\",\"5XXError\",[\"IsHttpApi\",\"5xx\",\"Url5xxCount\"]]",
                alarm.get("MetricName").toString());
        JsonNode rest = alarm.at("/Dimensions/1");
        assertEquals(template.at("/Resources/TokenApi/Properties/Name").textValue(), rest.at("/0/Value").textValue(),
                "the alarm names the REST API it watches");
        assertEquals(template.at("/Resources/TokenApi/Properties/StageName").textValue(),
                rest.at("/1/Value").textValue());
        assertEquals("TokenHttpApi", alarm.at("/Dimensions/2/1/0/Value").textValue());
        assertEquals("TokenFunction", alarm.at("/Dimensions/2/2/0/Value").textValue());
        assertEquals("HasAlarmEmail", template.at("/Resources/AlarmTopic/Condition").textValue());
    }

    @Test
    void everyReferenceNamesAParameterAResourceOrAPseudoParameter() throws IOException {
        String text = Files.readString(Path.of("template.yaml"));
        java.util.regex.Matcher refs = java.util.regex.Pattern.compile("!Ref ([A-Za-z0-9:]+)").matcher(text);
        while (refs.find()) {
            String name = refs.group(1);
            // SAM names the role it generates for a function after the function.
            boolean generatedRole = name.endsWith("Role")
                    && template.at("/Resources").has(name.substring(0, name.length() - "Role".length()));
            assertTrue(name.startsWith("AWS::") || template.at("/Parameters").has(name)
                    || template.at("/Resources").has(name) || generatedRole, "!Ref " + name);
        }
        java.util.regex.Matcher conditions = java.util.regex.Pattern.compile(
                "(?:Condition:|!Condition|!If\\s*\\[|Fn::If:\\s*\\[|- )\\s*(Is[A-Za-z]+|Has[A-Za-z]+)\\b").matcher(text);
        while (conditions.find()) {
            assertTrue(template.get("Conditions").has(conditions.group(1)), "condition " + conditions.group(1));
        }
    }

    @Test
    void everyAuthModeHasAWorkingCallInTheDocs() throws IOException {
        String guide = Files.readString(Path.of("docs/authorization.md"));
        assertTrue(guide.contains("AuthMode=IAM") && guide.contains("--aws-sigv4"), "IAM: a SigV4-signed curl");
        assertTrue(guide.contains("AuthMode=COGNITO") && guide.contains("initiate-auth")
                && guide.contains("Authorization: $ID_TOKEN"), "COGNITO: fetch an ID token, send it");
        assertTrue(guide.contains("AuthMode=API_KEY") && guide.contains("get-api-key")
                && guide.contains("x-api-key: $API_KEY"), "API_KEY: read the key, send it");
        assertTrue(guide.contains("AuthMode=NONE"), "NONE");
        assertTrue(guide.contains("FrontDoor=HttpApi AuthMode=IAM") && guide.contains("aws:amz:us-east-1:execute-api"),
                "HTTP API with IAM: signed for execute-api");
        assertTrue(guide.contains("FrontDoor=HttpApi AuthMode=COGNITO") && guide.contains("CognitoAppClientId=")
                && guide.contains("Authorization: Bearer $ACCESS_TOKEN"),
                "HTTP API JWT authorizer: ID or access token");
        assertTrue(guide.contains("FrontDoor=FunctionUrl AuthMode=IAM") && guide.contains("aws:amz:us-east-1:lambda")
                && guide.contains("lambda:InvokeFunctionUrl"), "function URL with IAM: signed for lambda");
    }
}
