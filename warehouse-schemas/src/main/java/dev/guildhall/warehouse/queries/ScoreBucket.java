package dev.guildhall.warehouse.queries;

/**
 * Messages whose score for {@code label} lies in {@code [lower, lower + 0.1)} (the last bucket includes 1.0).
 *
 * @param bucket 0..9, {@code lower = bucket / 10}
 */
public record ScoreBucket(String label, int bucket, long count) {
  public double lower() {
    return bucket / 10.0;
  }
}
