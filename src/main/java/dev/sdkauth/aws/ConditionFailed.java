package dev.sdkauth.aws;

/** DynamoDB did not write: the condition of a conditional put, update or delete did not hold. */
public final class ConditionFailed extends Exception {
    public ConditionFailed(String what) {
        super(what, null, false, false);
    }
}
