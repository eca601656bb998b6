package dev.sdkauth.handler;

/** How a request reached the function; each door sends its own event shape and expects its own answer shape. */
public enum Door {
    /** API Gateway REST API proxy integration, and HTTP API with payload format 1.0. */
    REST_API("rest"),
    /** API Gateway HTTP API, payload format 2.0. */
    HTTP_API("http"),
    /** A Lambda function URL: the 2.0 shape. */
    FUNCTION_URL("url"),
    /** An Application Load Balancer target group. */
    LOAD_BALANCER("alb"),
    /** The local CLI's {@code serve}, which hands requests over without an event. */
    LOCAL("local");

    private final String label;

    Door(String label) {
        this.label = label;
    }

    /** The word logs use. */
    public String label() {
        return label;
    }
}
