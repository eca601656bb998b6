package dev.sdkauth.aws;

import dev.sdkauth.Setting;
import dev.sdkauth.Environment;

import java.io.BufferedReader;
import java.io.File;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One profile of the shared AWS files, for running {@code serve} on a laptop: {@code AWS_PROFILE} (default
 * {@code default}) in {@code AWS_SHARED_CREDENTIALS_FILE} (default ~/.aws/credentials, sections {@code [name]})
 * and {@code AWS_CONFIG_FILE} (default ~/.aws/config, sections {@code [default]} and {@code [profile name]});
 * where both files have the profile, the credentials file wins property by property, as in the AWS SDKs. Only
 * static keys and the region are used; a profile that needs SSO, a role or a process is reported, not followed.
 * Read afresh on each use, so that refreshed keys are picked up without a restart. Inside Lambda neither file
 * exists, and this costs two failed file lookups.
 */
final class AwsProfiles {
    /** Properties that mean "these credentials come from elsewhere", which only the AWS CLI/SDKs resolve. */
    private static final List<String> DELEGATING = List.of("sso_session", "sso_start_url", "sso_account_id",
            "role_arn", "source_profile", "credential_source", "credential_process", "web_identity_token_file",
            "login_session");

    private final String name;
    private final File credentialsFile;
    private final File configFile;
    private final Map<String, String> properties;

    private AwsProfiles(String name, File credentialsFile, File configFile, Map<String, String> properties) {
        this.name = name;
        this.credentialsFile = credentialsFile;
        this.configFile = configFile;
        this.properties = properties;
    }

    static AwsProfiles load(Environment env) {
        String name = env.get(Setting.AWS_PROFILE);
        File credentials = file(env, Setting.AWS_SHARED_CREDENTIALS_FILE, "credentials");
        File config = file(env, Setting.AWS_CONFIG_FILE, "config");
        Map<String, String> merged = new HashMap<>();
        boolean found = read(config, name, true, merged);
        found |= read(credentials, name, false, merged);
        return new AwsProfiles(name, credentials, config, found ? merged : null);
    }

    String name() {
        return name;
    }

    boolean found() {
        return properties != null;
    }

    String get(String property) {
        String value = properties == null ? null : properties.get(property);
        return value == null || value.isBlank() ? null : value.strip();
    }

    /** The first property that makes this profile delegate its credentials, or null for a plain one. */
    String delegation() {
        for (String property : DELEGATING) {
            if (get(property) != null) {
                return property;
            }
        }
        return null;
    }

    /** Where the profile was looked for, in words. */
    String where() {
        return "profile '" + name + "' (" + credentialsFile + ", " + configFile + ")";
    }

    private static File file(Environment env, Setting variable, String defaultName) {
        String configured = env.get(variable);
        if (configured == null) {
            return new File(new File(home(env), ".aws"), defaultName);
        }
        if (configured.equals("~") || configured.startsWith("~/") || configured.startsWith("~" + File.separator)) {
            return new File(home(env) + configured.substring(1));
        }
        return new File(configured);
    }

    /** HOME first, as the AWS SDKs do, then the JVM's user.home. */
    private static String home(Environment env) {
        String home = env.get(Setting.HOME);
        return home != null ? home : System.getProperty("user.home", "");
    }

    /** Adds the profile's properties to {@code into}; answers whether the file has the profile. */
    private static boolean read(File file, String profile, boolean configFile, Map<String, String> into) {
        if (!file.isFile()) {
            return false;
        }
        boolean found = false;
        boolean inProfile = false;
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(new FileInputStream(file),
                StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                String trimmed = line.strip();
                if (trimmed.isEmpty() || trimmed.startsWith("#") || trimmed.startsWith(";")) {
                    continue;
                }
                if (trimmed.startsWith("[")) {
                    int end = trimmed.indexOf(']');
                    String section = (end < 0 ? trimmed.substring(1) : trimmed.substring(1, end)).strip();
                    inProfile = section(section, configFile).equals(profile);
                    found |= inProfile;
                } else if (inProfile && !Character.isWhitespace(line.charAt(0))) {
                    // Indented lines belong to a nested setting (e.g. "s3 =" in the config file): not ours.
                    int equals = trimmed.indexOf('=');
                    if (equals > 0) {
                        into.put(trimmed.substring(0, equals).strip().toLowerCase(java.util.Locale.ROOT),
                                trimmed.substring(equals + 1).strip());
                    }
                }
            }
        } catch (IOException unreadable) {
            throw new AwsException("Cannot read the AWS file " + file + ": "
                    + unreadable.getClass().getSimpleName());
        }
        return found;
    }

    /** The profile a section header names: in the config file "profile x" (or "default"), else the header itself. */
    private static String section(String header, boolean configFile) {
        if (!configFile || header.equals("default")) {
            return header;
        }
        if (header.startsWith("profile ") || header.startsWith("profile\t")) {
            return header.substring(8).strip();
        }
        return "\u0000not a profile: " + header; // sso-session, services, ...
    }
}
