-- alert.voice version 2 carries voice_server: quality-monitor raises alerts per region ("" here) and per voice
-- server. Without this column a server's alert would look like a second alert of its region.
ALTER TABLE alerts ADD COLUMN voice_server String DEFAULT '';
