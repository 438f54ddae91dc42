package dev.guildhall.testkit;

/** A PostgreSQL 15 server shared by all tests of this JVM (see {@link Engines#postgres()}). */
public interface PostgresEngine {
  int port();

  /** Login role that may create databases (trust auth on 127.0.0.1, the password is accepted but not checked). */
  String user();

  String password();

  /** Creates a fresh uniquely named database owned by {@link #user()}; returns its JDBC url (jdbc:postgresql://127.0.0.1:port/name). */
  String createDatabase(String prefix);

  /** The postmaster's process id. */
  long pid();
}
