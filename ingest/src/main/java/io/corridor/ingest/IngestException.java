package io.corridor.ingest;

/**
 * Why an ingest request is refused, carrying the HTTP status it maps to. The message is safe to
 * show to the device; {@link #field()} names the offending field when there is one.
 */
public class IngestException extends RuntimeException {

  private final int status;
  private final String error;
  private final String field;

  /**
   * @param status HTTP status
   * @param error short machine-readable code, e.g. {@code validation_failed}
   * @param field offending field path or {@code null}
   * @param reason human-readable reason
   */
  public IngestException(int status, String error, String field, String reason) {
    super(reason);
    this.status = status;
    this.error = error;
    this.field = field;
  }

  /** 400: a field is invalid. */
  public static IngestException invalid(String field, String reason) {
    return new IngestException(400, "validation_failed", field, reason);
  }

  /** 400: the body cannot be decoded at all. */
  public static IngestException malformed(String reason) {
    return new IngestException(400, "malformed_body", null, reason);
  }

  public int status() { return status; }

  public String error() { return error; }

  public String field() { return field; }
}
