package dev.sdkauth.credentials;

import com.amazonaws.services.lambda.runtime.LambdaLogger;
import dev.sdkauth.aws.SsmParameter;

import java.util.List;
import java.util.Map;

/** One kind of credential the store holds: which SSM names it reads, and how it is made from their values. */
interface Resolver<T> {
    /** In words, for log lines: "the Video SDK credentials". */
    String label();

    /** The SSM names to fetch; empty when every value is given directly. */
    List<String> parameterNames();

    /**
     * The credential, given what SSM answered for {@link #parameterNames()}.
     *
     * @throws CredentialsUnavailable naming what is missing or wrong, never a value
     */
    T resolve(Map<String, SsmParameter> fetched, LambdaLogger log);
}
