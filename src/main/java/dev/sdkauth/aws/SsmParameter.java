package dev.sdkauth.aws;

/**
 * One parameter as SSM's GetParameters answers it ({@code Parameters[].Name/Type/Value}). Its {@link #toString()}
 * never shows the value, so that no log line or error message can carry a secret by accident.
 */
public record SsmParameter(String name, String type, String value) {
    /** True for a SecureString, the type a secret should have (it is stored encrypted). */
    public boolean secure() {
        return "SecureString".equals(type);
    }

    @Override
    public String toString() {
        return "SsmParameter[name=" + name + ", type=" + type + ", value=<redacted>]";
    }
}
