package dev.guildhall.warehouse.queries;

/**
 * A voice-quality metric that ranks servers and guilds and colours heatmaps. Each is an expression over the
 * aggregate columns of {@link VoiceQueries}; {@code worseHigh} tells whether a higher value is worse.
 */
public enum VoiceMetric {
  RTT_P95("if(n_rtt = 0, NULL, rtt_q[2])", true),
  JITTER_P95("jitter_q[2]", true),
  LOSS_RATIO("if(n_expected = 0, 0, n_lost / n_expected)", true),
  MOS("if(n_mos = 0, NULL, s_mos / n_mos)", false);

  final String sql;
  final boolean worseHigh;

  VoiceMetric(String sql, boolean worseHigh) {
    this.sql = sql;
    this.worseHigh = worseHigh;
  }

  public boolean worseHigh() {
    return worseHigh;
  }
}
