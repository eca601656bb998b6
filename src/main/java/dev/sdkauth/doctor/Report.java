package dev.sdkauth.doctor;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything the doctor found about one token.
 *
 * @param header   the decoded JWT header, or null when there is none
 * @param claims   the decoded claims (for a legacy signature, its fields), or null when there are none
 * @param notes    informational lines for a person: how the signature was checked, what can still go wrong; they
 *                 are not findings and do not change the exit status
 */
public record Report(Kind kind, Map<String, Object> header, Map<String, Object> claims, SignatureStatus signature,
                     List<Finding> findings, List<String> notes) {

    public long count(Severity severity) {
        return findings.stream().filter(finding -> finding.severity() == severity).count();
    }

    /** 0 when Zoom should accept the token as far as the doctor can tell, 1 when there is at least one error. */
    public int exitStatus() {
        return count(Severity.ERROR) > 0 ? 1 : 0;
    }

    /**
     * {@code {"kind", "header", "claims", "signature", "findings": [{"severity", "claim", "message"}]}}, for
     * {@link dev.sdkauth.Json#write}; notes are for people and stay out of it.
     */
    public Map<String, Object> json() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("kind", kind.label());
        json.put("header", header);
        json.put("claims", claims);
        json.put("signature", signature.label());
        json.put("findings", findings.stream().map(Finding::json).toList());
        return json;
    }
}
