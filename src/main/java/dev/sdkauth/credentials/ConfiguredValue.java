package dev.sdkauth.credentials;

import dev.sdkauth.Environment;
import dev.sdkauth.Setting;
import dev.sdkauth.aws.SsmParameter;

import java.util.Map;

/**
 * Where one credential value comes from: the SSM parameter its {@code parameterSetting} names (the name wins), or
 * else its {@code valueSetting} directly.
 */
record ConfiguredValue(Setting parameterSetting, String parameter, Setting valueSetting, String value) {

    static ConfiguredValue read(Environment env, Setting parameterSetting, Setting valueSetting) {
        return new ConfiguredValue(parameterSetting, env.get(parameterSetting), valueSetting, env.get(valueSetting));
    }

    boolean configured() {
        return parameter != null || value != null;
    }

    /** The value, given what SSM answered; null when its parameter was not among the answers. */
    String from(Map<String, SsmParameter> fetched) {
        if (parameter == null) {
            return value;
        }
        SsmParameter answered = fetched.get(parameter);
        return answered == null ? null : answered.value();
    }

    /** "the parameter /x (named by X_PARAMETER)" or "X", for messages: names only, never a value. */
    String describe() {
        return parameter != null ? parameter + " (named by " + parameterSetting.name() + ")" : valueSetting.name();
    }
}
