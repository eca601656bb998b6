package dev.sdkauth.testing;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The test's own SigV4 against the example AWS documents for it (IAM ListUsers with AKIDEXAMPLE, 2015-08-30), step
 * by step: the stand-in that verifies the production signatures is only as good as this.
 */
class SigV4Test {
    private static final String SECRET = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";

    @Test
    void reproducesTheDocumentedIamListUsersExample() {
        String canonical = SigV4.canonicalRequest("GET", "/", "Action=ListUsers&Version=2010-05-08",
                Map.of("Content-Type", List.of("application/x-www-form-urlencoded; charset=utf-8"),
                        "Host", List.of("iam.amazonaws.com"), "X-Amz-Date", List.of("20150830T123600Z")),
                List.of("content-type", "host", "x-amz-date"), new byte[0]);
        assertEquals("""
                GET
                /
                Action=ListUsers&Version=2010-05-08
                content-type:application/x-www-form-urlencoded; charset=utf-8
                host:iam.amazonaws.com
                x-amz-date:20150830T123600Z

                content-type;host;x-amz-date
                e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855""", canonical);
        assertEquals("f536975d06c0309214f805bb90ccff089219ecd68b2577efef23edd43b7e1a59",
                SigV4.hex(SigV4.sha256(canonical.getBytes(StandardCharsets.UTF_8))));
        String stringToSign = SigV4.stringToSign("20150830T123600Z", "20150830/us-east-1/iam/aws4_request", canonical);
        assertEquals("c4afb1cc5771d871763a393e44b703571b55cc28424d1a5e86da6ed3c154a4b9",
                SigV4.hex(SigV4.signingKey(SECRET, "20150830", "us-east-1", "iam")));
        assertEquals("5d672d79c15b13162d9279b0855cfba6789a8edb4c82c400e06b5924a6f2b5d7",
                SigV4.signature(SECRET, "20150830", "us-east-1", "iam", stringToSign));
    }

    @Test
    void headerValuesAreTrimmedAndTheirInnerSpacesCollapsed() {
        String canonical = SigV4.canonicalRequest("POST", "/", "",
                Map.of("X-Amz-Target", List.of("  a   b  "), "Host", List.of("h")), List.of("host", "x-amz-target"),
                "{}".getBytes(StandardCharsets.UTF_8));
        assertEquals("POST\n/\n\nhost:h\nx-amz-target:a b\n\nhost;x-amz-target\n"
                + "44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a", canonical);
    }
}
