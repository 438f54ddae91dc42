package dev.guildhall.warehouse;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * One versioned migration ({@code V<version>__<name>.sql}). Its checksum is the SHA-256 of the file text with
 * line endings normalised to \n. Statements are separated by lines ending in {@code ;}; lines starting with
 * {@code --} are comments.
 */
public record Migration(int version, String name, String sql) {
  public Migration {
    if (version <= 0) {
      throw new IllegalArgumentException("migration version must be positive: " + version);
    }
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("migration V" + version + " has no name");
    }
    sql = sql.replace("\r\n", "\n");
  }

  /** V001__message_counts_1m */
  public String id() {
    return String.format("V%03d__%s", version, name);
  }

  public String checksum() {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(sql.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 unavailable", e);
    }
  }

  public List<String> statements() {
    List<String> statements = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    for (String line : sql.split("\n")) {
      String trimmed = line.trim();
      if (trimmed.startsWith("--")) {
        continue;
      }
      if (trimmed.endsWith(";")) {
        current.append(line, 0, line.lastIndexOf(';'));
        add(statements, current);
        current.setLength(0);
      } else {
        current.append(line).append('\n');
      }
    }
    add(statements, current);
    return statements;
  }

  private static void add(List<String> statements, StringBuilder text) {
    String statement = text.toString().trim();
    if (!statement.isEmpty()) {
      statements.add(statement);
    }
  }
}
