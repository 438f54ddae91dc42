package dev.guildhall.core.messages;

import dev.guildhall.core.http.UploadedFile;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;

/** The bytes of message attachments ({@code attachment_files}, V25); deleted with their message by the database. */
final class AttachmentStore {
    /** A stored file. */
    record StoredFile(long messageId, String filename, String contentType, byte[] data) {
    }

    private AttachmentStore() {
    }

    /** Stores a message's new files (attachment id to file), in the transaction that writes the message. */
    static void insert(Connection c, long messageId, long channelId, Map<Long, UploadedFile> files)
            throws SQLException {
        if (files.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO attachment_files (id, message_id, channel_id, filename, content_type, size, data)
                VALUES (?, ?, ?, ?, ?, ?, ?)""")) {
            for (Map.Entry<Long, UploadedFile> e : files.entrySet()) {
                UploadedFile f = e.getValue();
                ps.setLong(1, e.getKey());
                ps.setLong(2, messageId);
                ps.setLong(3, channelId);
                ps.setString(4, f.filename());
                ps.setString(5, f.contentType());
                ps.setInt(6, f.size());
                ps.setBytes(7, f.data());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /** Deletes a message's files that are not in {@code keep} (an edit's attachment list). */
    static void retainOnly(Connection c, long messageId, List<Long> keep) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "DELETE FROM attachment_files WHERE message_id = ? AND NOT (id = ANY (?))")) {
            Array ids = c.createArrayOf("bigint", keep.toArray());
            ps.setLong(1, messageId);
            ps.setArray(2, ids);
            ps.executeUpdate();
        }
    }

    /** The file of an attachment in a channel, or null. */
    static StoredFile find(Connection c, long channelId, long attachmentId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT message_id, filename, content_type, data FROM attachment_files
                WHERE id = ? AND channel_id = ?""")) {
            ps.setLong(1, attachmentId);
            ps.setLong(2, channelId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? new StoredFile(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getBytes(4))
                        : null;
            }
        }
    }
}
