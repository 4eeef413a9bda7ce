package dev.kratixtemporal.activities.pipeline;

/**
 * How much a pipeline may hand back, for every runtime. Results travel as Temporal payloads (4 MB gRPC messages), so
 * the encoded size is bounded as well as the raw bytes: JSON escapes a control character to six bytes.
 *
 * @param maxBytes the most /kratix/output may hold, in raw bytes (Kratix has a similar Work size limit)
 * @param maxFiles the most files /kratix/output may hold (a Kratix Work is of that order)
 * @param maxResultBytes the most the whole result may take once JSON-encoded
 */
public record OutputLimits(long maxBytes, int maxFiles, long maxResultBytes) {
  public static final long DEFAULT_MAX_BYTES = 1_500_000;
  public static final int DEFAULT_MAX_FILES = 1_000;
  public static final long DEFAULT_MAX_RESULT_BYTES = 1_500_000;

  /** Unset (zero or less) values take the defaults. */
  public OutputLimits {
    if (maxBytes <= 0) maxBytes = DEFAULT_MAX_BYTES;
    if (maxFiles <= 0) maxFiles = DEFAULT_MAX_FILES;
    if (maxResultBytes <= 0) maxResultBytes = DEFAULT_MAX_RESULT_BYTES;
  }

  public static OutputLimits defaults() {
    return new OutputLimits(0, 0, 0);
  }
}
