package dev.sdkauth.doctor;

import dev.sdkauth.Json;

import java.util.List;
import java.util.Map;
import java.util.Set;

/** The report as a person reads it in a terminal: what the token is, what it says, and what is wrong with it. */
public final class ReportText {
    /** Claims holding epoch seconds (and the legacy signature's milliseconds), shown as dates too. */
    private static final Set<String> SECONDS = Set.of("iat", "exp", "tokenExp", "nbf");

    private ReportText() {
    }

    public static String render(Report report, long nowSeconds) {
        StringBuilder text = new StringBuilder();
        text.append("Kind: ").append(report.kind().description()).append(" (").append(report.kind().label())
                .append(")\n");
        section(text, "Header", report.header(), nowSeconds);
        section(text, "Claims", report.claims(), nowSeconds);
        text.append("\nSignature: ").append(report.signature().label()).append('\n');
        List<Finding> findings = report.findings();
        if (findings.isEmpty()) {
            // The doctor has not verified a ZAK (Zoom's own signature), so it does not say Zoom accepts it.
            text.append(report.kind() == Kind.ZAK
                    ? "\nNo findings: the ZAK has not expired. Whether Zoom accepts it the doctor cannot tell (notes below).\n"
                    : "\nNo findings: as far as the doctor can tell, Zoom accepts this token.\n");
        } else {
            text.append("\nFindings: ").append(count(report.count(Severity.ERROR), "error")).append(", ")
                    .append(count(report.count(Severity.WARNING), "warning")).append('\n');
            for (Finding finding : findings) {
                text.append("  ").append(finding.line()).append('\n');
            }
        }
        for (String note : report.notes()) {
            text.append("\nNote: ").append(note).append('\n');
        }
        return text.toString();
    }

    private static void section(StringBuilder text, String title, Map<String, Object> members, long nowSeconds) {
        if (members == null) {
            return;
        }
        text.append('\n').append(title).append('\n');
        int width = members.keySet().stream().mapToInt(String::length).max().orElse(0);
        for (Map.Entry<String, Object> member : members.entrySet()) {
            text.append("  ").append(member.getKey()).append(" ".repeat(width - member.getKey().length() + 2))
                    .append(Json.write(member.getValue()));
            Long time = member.getValue() instanceof Long number ? number
                    // A time sent as a string is a finding, but still worth showing as a date.
                    : member.getValue() instanceof String digits && digits.matches("\\d{1,15}") ? Long.valueOf(digits)
                    : null;
            if (time != null) {
                if (SECONDS.contains(member.getKey())) {
                    text.append("  ").append(time(time, nowSeconds));
                } else if (member.getKey().equals("timestamp")) {
                    text.append("  (milliseconds) ").append(Times.describe(Math.floorDiv(time, 1000), nowSeconds));
                }
            }
            text.append('\n');
        }
    }

    private static String time(long value, long nowSeconds) {
        if (Math.abs(value) >= TimeChecks.MILLISECONDS_ABOVE) {
            return "as milliseconds: " + Times.describe(Math.floorDiv(value, 1000), nowSeconds);
        }
        return Times.describe(value, nowSeconds);
    }

    private static String count(long n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }
}
