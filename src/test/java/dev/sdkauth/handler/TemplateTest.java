package dev.sdkauth.handler;

import com.amazonaws.services.lambda.runtime.RequestHandler;
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

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * No SAM CLI can run here, so what can be checked of template.yaml by reading it is checked: that it names code
 * that exists and configures everything the code reads. (CloudFormation short-form tags read as plain scalars.)
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
        assertTrue(RequestHandler.class.isAssignableFrom(type));
        assertEquals(TokenHandler.class, type);
        type.getMethod(handler[1], com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent.class,
                com.amazonaws.services.lambda.runtime.Context.class);
        type.getConstructor(); // Lambda needs a public no-argument constructor
    }

    @Test
    void theFunctionIsJava21OnArm64WithSnapStartOnAPublishedAlias() {
        assertEquals("AWS::Serverless-2016-10-31", template.get("Transform").textValue());
        assertEquals("java21", function.get("Runtime").textValue());
        assertEquals("arm64", function.get("Architectures").get(0).textValue());
        assertEquals("PublishedVersions", function.at("/SnapStart/ApplyOn").textValue());
        assertTrue(function.has("AutoPublishAlias"));
        assertEquals("JSON", function.at("/LoggingConfig/LogFormat").textValue());
        assertTrue(function.get("MemorySize").intValue() >= 512);
        assertEquals(".", function.get("CodeUri").textValue(), "sam build runs Maven on this project");
        assertTrue(Files.exists(Path.of(function.get("CodeUri").textValue(), "pom.xml")));
    }

    @Test
    void everyVariableTheCodeReadsIsDeclared() {
        JsonNode variables = function.at("/Environment/Variables");
        List<String> expected = new ArrayList<>(List.of("ALLOWED_ORIGINS", "CREDENTIALS_CACHE_TTL_SECONDS"));
        for (Product product : Product.values()) {
            expected.addAll(List.of(product.keyVariable(), product.secretVariable(),
                    product.keyParameterVariable(), product.secretParameterVariable()));
        }
        for (String name : expected) {
            assertTrue(variables.has(name), name + " is not declared");
        }
        for (Product product : Product.values()) {
            assertEquals("", variables.get(product.secretVariable()).textValue(), "direct secrets stay empty when deployed");
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
    void theApiRoutesBothTokenPathsToTheFunctionAndOutputsTheUrl() {
        List<String> routes = new ArrayList<>();
        function.get("Events").forEach(event -> {
            assertEquals("Api", event.get("Type").textValue());
            routes.add(event.at("/Properties/Method").textValue() + " " + event.at("/Properties/Path").textValue());
        });
        assertTrue(routes.containsAll(List.of("post /", "post /meeting")), routes.toString());
        assertEquals("AWS::Serverless::Api", template.at("/Resources/TokenApi/Type").textValue());
        assertTrue(template.at("/Outputs/VideoSdkEndpoint/Value").textValue().contains("execute-api"));
        assertTrue(template.at("/Outputs/MeetingSdkEndpoint/Value").textValue().endsWith("/meeting"));
        assertTrue(template.at("/Parameters").has("AllowedOrigins"));
    }

    @Test
    void errorsApiGatewayAnswersItselfKeepTheErrorShape() {
        for (String type : List.of("DEFAULT_4XX", "DEFAULT_5XX")) {
            JsonNode response = template.at("/Resources/TokenApi/Properties/GatewayResponses/" + type);
            assertTrue(response.at("/ResponseTemplates/application~1json").textValue()
                    .startsWith("{\"errors\":[{\"property\":null,\"reason\":"), type);
            assertEquals("'application/json'", response.at("/ResponseParameters/Headers/Content-Type").textValue());
            assertTrue(response.at("/ResponseParameters/Headers").has("Access-Control-Allow-Origin"), type);
        }
    }

    @Test
    void samconfigHasDeployDefaults() throws IOException {
        String samconfig = Files.readString(Path.of("samconfig.toml"));
        assertTrue(samconfig.contains("[default.deploy.parameters]") && samconfig.contains("stack_name")
                && samconfig.contains("CAPABILITY_IAM") && samconfig.contains("resolve_s3 = true"), samconfig);
    }
}
