-- AutoMod (issue #6): the content versions that wait for a stream verdict. A message (or an edit) whose model
-- rules got no model answer within automod.model.budget.ms is stored automod_pending; this row says which content
-- version the stream verdict must decide (content_version: the edit's edited_timestamp, null for the content the
-- message was posted with). A content edit replaces the row (or removes it when the edit was decided inline); the
-- late-verdict consumer applies a verdict only to the version named here and removes the row in the same
-- transaction, so a replayed verdict, or one on content since edited away, acts on nothing.
CREATE TABLE automod_pending_verdicts (
    message_id      bigint      PRIMARY KEY REFERENCES messages (id) ON DELETE CASCADE,
    content_version timestamptz,
    pending_since   timestamptz NOT NULL DEFAULT now()
);
