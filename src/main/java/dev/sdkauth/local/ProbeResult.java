package dev.sdkauth.local;

import dev.sdkauth.doctor.Finding;
import dev.sdkauth.doctor.Report;
import dev.sdkauth.doctor.Severity;
import dev.sdkauth.doctor.SignatureStatus;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one probe found.
 *
 * @param status  the POST's HTTP status, or null when no answer came
 * @param token   the doctor's report on the token answered, or null when there was none
 * @param zak     what came back for the ZAK the probe asked for, or null when it asked for none
 * @param findings the doctor's findings and check's own, errors first
 */
record ProbeResult(Probe probe, Integer status, Report token, ZakAnswer zak, List<Finding> findings) {

    /** Good only with a token whose signature verifies with the configured secret, and no error. */
    boolean passed() {
        return token != null && token.signature() == SignatureStatus.VALID
                && findings.stream().noneMatch(finding -> finding.severity() == Severity.ERROR);
    }

    long count(Severity severity) {
        return findings.stream().filter(finding -> finding.severity() == severity).count();
    }

    /** {@code Video SDK  POST URL: 200, video-sdk token, signature valid}, then a line a finding. */
    String text() {
        StringBuilder text = new StringBuilder(probe.product().label()).append(": POST ").append(probe.url())
                .append(": ").append(status == null ? "no answer" : "answered " + status);
        if (token != null) {
            text.append(", ").append(token.kind().label()).append(" token, signature ")
                    .append(token.signature().label());
        }
        if (zak != null) {
            text.append(", ").append(zak.text());
        }
        text.append('\n');
        for (Finding finding : findings) {
            text.append("  ").append(finding.line()).append('\n');
        }
        return text.toString();
    }

    /**
     * {@code {"product", "url", "status", "token": {kind, header, claims, signature} | null, "zak": {...} | null,
     * "findings", "passed"}}.
     */
    Map<String, Object> json() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("product", probe.kind().label());
        json.put("url", probe.url().toString());
        json.put("status", status == null ? null : (long) status);
        Map<String, Object> report = null;
        if (token != null) {
            report = token.json();
            report.remove("findings"); // they are the probe's, below, with check's own
        }
        json.put("token", report);
        json.put("zak", zak == null ? null : zak.json());
        json.put("findings", findings.stream().map(Finding::json).toList());
        json.put("passed", passed());
        return json;
    }
}
