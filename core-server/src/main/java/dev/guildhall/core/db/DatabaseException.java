package dev.guildhall.core.db;

import java.sql.SQLException;

/** An unexpected SQL failure (answered as 500, logged with its cause). */
public final class DatabaseException extends RuntimeException {
    public DatabaseException(SQLException cause) {
        super(cause.getMessage(), cause);
    }

    public SQLException sqlException() {
        return (SQLException) getCause();
    }

    /** True when the failure is a unique-constraint violation (SQLSTATE 23505). */
    public boolean isUniqueViolation() {
        return "23505".equals(sqlException().getSQLState());
    }
}
