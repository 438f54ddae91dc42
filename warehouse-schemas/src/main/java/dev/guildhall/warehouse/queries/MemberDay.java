package dev.guildhall.warehouse.queries;

import java.time.LocalDate;

/** Members who joined and who left (left, kicked or banned) a guild on one UTC day. */
public record MemberDay(LocalDate day, long joins, long leaves) {
  /** Growth of the day: joins minus leaves. */
  public long net() {
    return joins - leaves;
  }
}
