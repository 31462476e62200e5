package dev.sluice.structured;

/**
 * What a streaming query is doing now (Spark's {@code StreamingQueryStatus}).
 *
 * <pre>{@code
 * query.status().message();   // "Waiting for data to arrive"
 * }</pre>
 */
public final class StreamingQueryStatus {
  private final String message;
  private final boolean isDataAvailable;
  private final boolean isTriggerActive;

  public StreamingQueryStatus(String message, boolean isDataAvailable, boolean isTriggerActive) {
    this.message = message;
    this.isDataAvailable = isDataAvailable;
    this.isTriggerActive = isTriggerActive;
  }

  public String message() {
    return message;
  }

  public boolean isDataAvailable() {
    return isDataAvailable;
  }

  public boolean isTriggerActive() {
    return isTriggerActive;
  }

  /** The status as JSON with Spark's field names. */
  public String json() {
    return "{\"message\":\""
        + message.replace("\"", "\\\"")
        + "\",\"isDataAvailable\":"
        + isDataAvailable
        + ",\"isTriggerActive\":"
        + isTriggerActive
        + "}";
  }

  @Override
  public String toString() {
    return json();
  }
}
